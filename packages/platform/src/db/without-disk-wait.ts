import { type Kysely, sql } from 'kysely';
import type { Dialect } from './column-types';

/**
 * Runs writes that need not outlive a power cut without waiting for the disk, on SQLite: `synchronous = NORMAL` on the
 * one connection they run on, for their statements only, then the database's own level again (no other transaction
 * can commit in between: the connection is theirs). Such a commit survives a process that dies (the operating system
 * holds the pages) and is on disk as soon as the next durable commit on the file is (the log is written in order);
 * only a power cut or a kernel crash, which ends every process sharing the file, can lose it. A durable commit waits
 * for a disk flush (1–4 ms here; on the thread pool, see `FlushingSqliteDriver`, which keeps the level asked for),
 * and every query of the database waits it out too. Other engines run the work as it is.
 */
export async function withoutDiskWait<DB, T>(db: Kysely<DB>, dialect: Dialect, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite') return work(db);
  return db.connection().execute(async (connection) => {
    const level = durableLevels.get(db) ?? (await readDurableLevel(db, connection));
    await sql`pragma synchronous = NORMAL`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql.raw(`pragma synchronous = ${level}`).execute(connection);
    }
  });
}

/**
 * Each database's own `synchronous` level, read once: only this helper changes it, and puts it back before it lets
 * the connection go, so a later read would find the same (the relay's marks, every lease renewal and every claimed
 * `Idempotency-Key` come through here).
 */
const durableLevels = new WeakMap<object, number>();

async function readDurableLevel<DB>(db: Kysely<DB>, connection: Kysely<DB>): Promise<number> {
  const [row] = (await sql<{ synchronous: number }>`pragma synchronous`.execute(connection)).rows;
  const level = Number(row?.synchronous ?? 2);
  durableLevels.set(db, level);
  return level;
}
