import { decodeIdCursor, NotFoundError, type Page, toPage } from '@fieldops/platform';
import type { NotificationContext } from '../config';
import type { NoticeTable } from '../db/schema';

export interface NotificationView {
  id: string;
  workflow: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
  link: string | null;
  severity: 'normal' | 'critical';
}

export function toNotificationView(row: NoticeTable): NotificationView {
  return {
    id: row.id,
    workflow: row.workflow,
    title: row.title,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
    link: row.link,
    severity: row.severity,
  };
}

const mine = (ctx: NotificationContext, userId: string) =>
  ctx.db.selectFrom('notice').where('user_id', '=', userId).where('archived_at', 'is', null);

export async function unreadCount(ctx: NotificationContext, userId: string): Promise<number> {
  const { count } = await mine(ctx, userId)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** The caller's inbox, newest first, archived notices left out. */
export async function listInbox(
  ctx: NotificationContext,
  userId: string,
  query: { limit: number; cursor?: string; unread?: boolean },
): Promise<Page<NotificationView> & { unreadCount: number }> {
  const after = decodeIdCursor(query.cursor);
  let select = mine(ctx, userId).selectAll();
  if (query.unread) select = select.where('read_at', 'is', null);
  if (after) select = select.where('id', '<', after);
  const rows = await select
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return { ...toPage(rows, query.limit, (r) => [r.id], toNotificationView), unreadCount: await unreadCount(ctx, userId) };
}

/** One of the caller's own notices; another user's answers 404, as one that does not exist. */
async function ownNotice(ctx: NotificationContext, userId: string, id: string): Promise<NoticeTable> {
  const row = await ctx.db.selectFrom('notice').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFoundError('Notification');
  return row;
}

export async function markRead(ctx: NotificationContext, userId: string, id: string): Promise<NotificationView> {
  const row = await ownNotice(ctx, userId, id);
  if (row.read_at !== null) return toNotificationView(row);
  const readAt = ctx.clock.now();
  await ctx.db.updateTable('notice').set({ read_at: readAt }).where('id', '=', id).where('read_at', 'is', null).execute();
  return toNotificationView({ ...row, read_at: readAt });
}

export async function markAllRead(ctx: NotificationContext, userId: string): Promise<{ updated: number; unreadCount: number }> {
  const result = await ctx.db
    .updateTable('notice')
    .set({ read_at: ctx.clock.now() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return { updated: Number(result.numUpdatedRows), unreadCount: await unreadCount(ctx, userId) };
}

/** Archives a notice: it leaves the inbox (and counts as read). */
export async function archive(ctx: NotificationContext, userId: string, id: string): Promise<void> {
  const row = await ownNotice(ctx, userId, id);
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('notice')
    .set({ archived_at: row.archived_at ?? now, read_at: row.read_at ?? now })
    .where('id', '=', id)
    .execute();
}

/** The caller's notices stored after `lastId` (a stream's Last-Event-ID), oldest first. */
export async function noticesAfter(ctx: NotificationContext, userId: string, lastId: string, limit = 200): Promise<NoticeTable[]> {
  return ctx.db
    .selectFrom('notice')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '>', lastId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
