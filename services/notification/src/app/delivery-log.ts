import { type Access, decodeIdCursor, NotFoundError, type Page, toPage } from '@fieldops/platform';
import type { NotificationContext } from '../config';
import type { DeliveryState, DeliveryTable } from '../db/schema';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toDeliveryView(row: DeliveryTable) {
  return {
    id: row.id,
    userId: row.user_id,
    workflow: row.workflow,
    channel: row.channel,
    country: row.country,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    driver: row.driver,
    providerAnswer: row.provider_answer,
    nextAttemptAt: iso(row.next_attempt_at),
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: iso(row.sent_at),
  };
}

/** Admins see the deliveries of their country; only the `all` scope sees every country's. */
function inScope(ctx: NotificationContext, access: Access) {
  let select = ctx.db.selectFrom('delivery');
  if (access.scope.scope !== 'all') select = select.where('country', '=', access.scope.country);
  return select;
}

/** The delivery log, newest first. */
export async function listDeliveries(
  ctx: NotificationContext,
  access: Access,
  query: { limit: number; cursor?: string; state?: DeliveryState; userId?: string },
): Promise<Page<ReturnType<typeof toDeliveryView>>> {
  const after = decodeIdCursor(query.cursor);
  let select = inScope(ctx, access).selectAll();
  if (query.state) select = select.where('state', '=', query.state);
  if (query.userId) select = select.where('user_id', '=', query.userId);
  if (after) select = select.where('id', '<', after);
  const rows = await select
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, (r) => [r.id], toDeliveryView);
}

/** Queues a delivery again now, with a fresh count of attempts (a dead-lettered one after its address was fixed…). */
export async function resend(ctx: NotificationContext, access: Access, id: string): Promise<DeliveryTable> {
  const row = await inScope(ctx, access).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Delivery');
  const now = ctx.clock.now();
  const after: DeliveryTable = { ...row, state: 'queued', attempts: 0, next_attempt_at: now, updated_at: now };
  await ctx.db
    .updateTable('delivery')
    .set({ state: after.state, attempts: 0, next_attempt_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  return after;
}
