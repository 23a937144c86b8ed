import type { Kysely } from 'kysely';
import type { Dialect } from './column-types';
import { type PlatformTables, platformTables } from './platform-tables';
import { insertIfAbsent } from './portable';
import { withoutDiskWait } from './without-disk-wait';

/**
 * A named lease in the service's database so that work meant to run once (the relay, a scheduled job) runs in
 * one replica at a time. Whoever holds it renews it; when the holder dies it expires and another takes over.
 * Its writes do not wait for the disk (withoutDiskWait): the processes a lost write could mislead are those sharing a
 * SQLite file, and the power cut that loses it ends them all; each renewal of each relay and job paid a disk flush on
 * the event loop.
 */
export function tryAcquireLease<DB extends PlatformTables>(
  serviceDb: Kysely<DB>,
  dialect: Dialect,
  name: string,
  holder: string,
  ttlMs: number,
  now: number,
): Promise<boolean> {
  return withoutDiskWait(platformTables(serviceDb), dialect, async (db) => {
    const renewed = await db
      .updateTable('lease')
      .set({ holder, expires_at: now + ttlMs })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now)]))
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) > 0) return true;
    return insertIfAbsent(db, dialect, 'lease', { name, holder, expires_at: now + ttlMs });
  });
}

export async function releaseLease<DB extends PlatformTables>(
  serviceDb: Kysely<DB>,
  dialect: Dialect,
  name: string,
  holder: string,
): Promise<void> {
  await withoutDiskWait(platformTables(serviceDb), dialect, (db) =>
    db.deleteFrom('lease').where('name', '=', name).where('holder', '=', holder).execute(),
  );
}

/**
 * A lease its holder keeps across many short turns (the relay's, woken by every commit): it is written again only
 * once a third of its time has passed, not at every turn — each write is a commit of its own.
 */
export class HeldLease<DB extends PlatformTables> {
  private renewAt = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
    readonly name: string,
    private readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Whether this holder has the lease now (renewing or taking it when due). */
  async hold(now: number): Promise<boolean> {
    if (now < this.renewAt) return true;
    const held = await tryAcquireLease(this.db, this.dialect, this.name, this.holder, this.ttlMs, now);
    this.renewAt = held ? now + this.ttlMs / 3 : 0;
    return held;
  }

  async release(): Promise<void> {
    this.renewAt = 0;
    await releaseLease(this.db, this.dialect, this.name, this.holder);
  }
}
