import type { Logger, PubSub } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { NoticeTable, NotificationDb } from '../db/schema';

export type LiveListener = (notice: NoticeTable) => void;

/**
 * How far back the safety look goes: a notice committed late (its id older than ones already seen) or announced
 * while this replica's pub/sub connection was down is still found.
 */
const LOOK_BACK_MS = 30_000;
/** Users per look-up of the safety look, well under every engine's limit of bound values. */
const USERS_PER_LOOK = 500;

/** The smallest UUIDv7 of a millisecond: ids compare as strings in creation order. */
export function firstIdAt(epochMs: number): string {
  const hex = Math.max(0, Math.floor(epochMs)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** The pub/sub channel a user's new notices are announced on. */
export function noticeChannel(userId: string): string {
  return `notification:notices:${userId}`;
}

function parseNotice(message: string): NoticeTable | undefined {
  try {
    const notice = JSON.parse(message) as Partial<NoticeTable>;
    return typeof notice.id === 'string' && typeof notice.user_id === 'string' ? (notice as NoticeTable) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * New notices for the users connected to this replica's stream. The replica that stores a notice announces it on its
 * user's pub/sub channel once the transaction has committed; every replica holding a stream of that user listens on
 * the channel, so any of them (behind any gateway) serves it. Pub/sub keeps nothing, so a message lost to a dropped
 * connection is made up by a slow look at the shared notices table every `safetyPollMs`; listeners get a notice
 * once from each path and drop what they already sent.
 */
export class LiveFeed {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly db: Kysely<NotificationDb>,
    private readonly pubsub: PubSub,
    private readonly safetyPollMs: number,
    private readonly log: Logger,
  ) {}

  /** Tells the streams of the notices' users, wherever they are held; call it after the notices committed. */
  async announce(notices: readonly NoticeTable[]): Promise<void> {
    await Promise.all(notices.map((notice) => this.pubsub.publish(noticeChannel(notice.user_id), JSON.stringify(notice))));
  }

  /** Resolves once announcements reach `listener`; answers the function that stops listening. */
  async listen(userId: string, listener: LiveListener): Promise<() => void> {
    let unsubscribe = async () => {};
    try {
      unsubscribe = await this.pubsub.subscribe(noticeChannel(userId), (message) => {
        const notice = parseNotice(message);
        if (notice?.user_id === userId) listener(notice);
      });
    } catch (error) {
      this.log.warn({ err: error }, 'live notices: cannot subscribe; the stream gets notices from the safety look only');
    }
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    this.timer ??= setInterval(() => void this.poll(), this.safetyPollMs).unref();
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
      if (this.listeners.size === 0) this.stop();
      unsubscribe().catch((error: unknown) => this.log.warn({ err: error }, 'live notices: unsubscribing failed'));
    };
  }

  get connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      // Ids are UUIDv7 made from the wall clock of the writing replica, so the window is in wall-clock time.
      const floor = firstIdAt(Date.now() - LOOK_BACK_MS);
      const users = [...this.listeners.keys()];
      for (let i = 0; i < users.length; i += USERS_PER_LOOK) {
        const rows = await this.db
          .selectFrom('notice')
          .selectAll()
          .where('id', '>=', floor)
          .where('user_id', 'in', users.slice(i, i + USERS_PER_LOOK))
          .orderBy('id')
          .execute();
        for (const row of rows) for (const listener of this.listeners.get(row.user_id) ?? []) listener(row);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live notices: the safety look failed; trying again');
    } finally {
      this.polling = false;
    }
  }
}
