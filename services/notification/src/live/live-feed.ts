import type { Logger } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { NoticeTable, NotificationDb } from '../db/schema';

export type LiveListener = (notice: NoticeTable) => void;

/** How far back each look goes: a notice committed late (its id older than ones already seen) is still found. */
const LOOK_BACK_MS = 10_000;

/** The smallest UUIDv7 of a millisecond: ids compare as strings in creation order. */
export function firstIdAt(epochMs: number): string {
  const hex = Math.max(0, Math.floor(epochMs)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/**
 * New notices for the users connected to this replica. The notices table is shared by every replica, so a notice
 * stored by any of them (the consumer runs on one) reaches a stream held by another: each replica with listeners
 * looks for new rows every `pollMs` and hands them to its own connections. Nothing lives only in one process.
 */
export class LiveFeed {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  /** Ids already handed out within the look-back window, so the overlap sends nothing twice. */
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly db: Kysely<NotificationDb>,
    private readonly pollMs: number,
    private readonly log: Logger,
  ) {}

  /** Answers the function that stops listening. */
  listen(userId: string, listener: LiveListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    this.timer ??= setInterval(() => void this.poll(), this.pollMs).unref();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
      if (this.listeners.size === 0) this.stop();
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
      const since = Date.now() - LOOK_BACK_MS;
      const rows = await this.db.selectFrom('notice').selectAll().where('id', '>=', firstIdAt(since)).orderBy('id').execute();
      for (const [id, at] of this.seen) if (at < since) this.seen.delete(id);
      for (const row of rows) {
        if (this.seen.has(row.id)) continue;
        this.seen.set(row.id, Date.now());
        for (const listener of this.listeners.get(row.user_id) ?? []) listener(row);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live notices: look-up failed; trying again');
    } finally {
      this.polling = false;
    }
  }
}
