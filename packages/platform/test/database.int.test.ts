import { databaseEngines } from '@fieldops/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseLease, tryAcquireLease } from '../src/db/lease';
import { withoutDiskWait } from '../src/db/without-disk-wait';
import {
  insertIfAbsent,
  isUniqueViolation,
  migrateToLatest,
  openDatabase,
  type PlatformTables,
  platformMigrations,
  type ServiceDatabase,
  type ServiceMigration,
  upsert,
} from '../src/index';

interface Tables extends PlatformTables {
  gadget: { id: string; name: string; count: number; seen_at: number };
}

const gadgets: ServiceMigration = {
  name: '001_gadget',
  async up(db, t) {
    await db.schema
      .createTable('gadget')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.string, (c) => c.notNull().unique())
      .addColumn('count', t.integer, (c) => c.notNull())
      .addColumn('seen_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};

describe.each(await databaseEngines())('the database port on $name', (engine) => {
  let database: ServiceDatabase<Tables>;
  let db: Kysely<Tables>;
  const place = engine.create();
  const lists = [
    { table: 'platform_migration', migrations: platformMigrations },
    { table: 'service_migration', migrations: [gadgets] },
  ];
  beforeAll(async () => {
    database = await openDatabase<Tables>(place.url, 'conformance');
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
    await place.cleanup(['conformance']);
  });

  it('applies migrations once and then has nothing left to do', async () => {
    const first = await migrateToLatest(db as unknown as Kysely<unknown>, database.dialect, lists);
    expect(first).toEqual([...platformMigrations.map((migration) => migration.name), '001_gadget']);
    expect(await migrateToLatest(db as unknown as Kysely<unknown>, database.dialect, lists)).toEqual([]);
  });

  it('keeps epoch milliseconds exact in BIGINT columns', async () => {
    const at = Date.UTC(2099, 11, 31, 23, 59, 59, 999);
    await db.insertInto('gadget').values({ id: 'g-time', name: 'clock', count: 0, seen_at: at }).execute();
    const row = await db.selectFrom('gadget').select('seen_at').where('id', '=', 'g-time').executeTakeFirstOrThrow();
    expect(Number(row.seen_at)).toBe(at);
  });

  it('upserts portably: inserts, then updates on conflict', async () => {
    await upsert(db, database.dialect, 'gadget', { id: 'g-up', name: 'spinner', count: 1, seen_at: 1 }, ['id'], { count: 2 });
    await upsert(db, database.dialect, 'gadget', { id: 'g-up', name: 'spinner', count: 1, seen_at: 1 }, ['id'], { count: 2 });
    const row = await db.selectFrom('gadget').select('count').where('id', '=', 'g-up').executeTakeFirstOrThrow();
    expect(row.count).toBe(2);
  });

  it('inserts only when absent and says whether it did', async () => {
    expect(await insertIfAbsent(db, database.dialect, 'gadget', { id: 'g-once', name: 'once', count: 1, seen_at: 1 })).toBe(true);
    expect(await insertIfAbsent(db, database.dialect, 'gadget', { id: 'g-once', name: 'once', count: 9, seen_at: 1 })).toBe(false);
    const row = await db.selectFrom('gadget').select('count').where('id', '=', 'g-once').executeTakeFirstOrThrow();
    expect(row.count).toBe(1);
  });

  it('recognises a unique-key violation on either engine', async () => {
    await db.insertInto('gadget').values({ id: 'g-u1', name: 'unique-name', count: 0, seen_at: 0 }).execute();
    const error = await db
      .insertInto('gadget')
      .values({ id: 'g-u2', name: 'unique-name', count: 0, seen_at: 0 })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('rolls back every write of a failed transaction', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('gadget').values({ id: 'g-tx', name: 'tx', count: 0, seen_at: 0 }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.selectFrom('gadget').select('id').where('id', '=', 'g-tx').executeTakeFirst()).toBeUndefined();
  });

  it('answers each row limit with its own number of rows, the limit written into the SQL on SQLite', async () => {
    const rows = ['a', 'b', 'c'].map((name, i) => ({ id: `g-limit-${name}`, name: `limit ${name}`, count: i, seen_at: 0 }));
    await db.insertInto('gadget').values(rows).execute();
    const page = (limit: number) => db.selectFrom('gadget').select('id').where('id', 'like', 'g-limit-%').orderBy('id').limit(limit);
    // The same query with another limit must not come back from the statement cache with the first limit's rows.
    for (const limit of [2, 1, 3, 2])
      expect((await page(limit).execute()).map((row) => row.id)).toEqual(rows.slice(0, limit).map((row) => row.id));
    if (database.dialect !== 'sqlite') return;
    const compiled = page(2).compile();
    expect(compiled.sql).toMatch(/limit 2$/);
    expect(compiled.parameters).toEqual(['g-limit-%']);
    // A limit that is no plain integer (SQLite takes an expression there) is still bound.
    const computed = db.selectFrom('gadget').select('id').where('id', 'like', 'g-limit-%').limit(sql<number>`${1} + ${1}`);
    expect(computed.compile().parameters).toEqual(['g-limit-%', 1, 1]);
    expect(await computed.execute()).toHaveLength(2);
  });

  it('gives a lease to one holder until it expires', async () => {
    expect(await tryAcquireLease(db, database.dialect, 'job', 'a', 1000, 10_000)).toBe(true);
    expect(await tryAcquireLease(db, database.dialect, 'job', 'b', 1000, 10_500)).toBe(false);
    expect(await tryAcquireLease(db, database.dialect, 'job', 'a', 1000, 10_600)).toBe(true);
    expect(await tryAcquireLease(db, database.dialect, 'job', 'b', 1000, 11_700)).toBe(true);
    expect(await tryAcquireLease(db, database.dialect, 'job', 'a', 1000, 11_800)).toBe(false);
  });

  it('writes without waiting for the disk only inside withoutDiskWait, even when the work fails', async () => {
    // On SQLite the level of the connection: 2 (FULL) waits for the disk at each commit, 1 (NORMAL) does not.
    const level = async (on: Kysely<Tables>) => (await sql<{ synchronous: number }>`pragma synchronous`.execute(on)).rows[0]?.synchronous;
    const inside = await withoutDiskWait(db, database.dialect, async (connection) => {
      await connection.insertInto('lease').values({ name: 'quick', holder: 'a', expires_at: 1 }).execute();
      return database.dialect === 'sqlite' ? level(connection) : 'as is';
    });
    expect(inside).toBe(database.dialect === 'sqlite' ? 1 : 'as is');
    await expect(
      withoutDiskWait(db, database.dialect, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await tryAcquireLease(db, database.dialect, 'quick-job', 'a', 1000, 10_000)).toBe(true);
    await releaseLease(db, database.dialect, 'quick-job', 'a');
    if (database.dialect === 'sqlite') expect(await level(db)).toBe(2);
    const leases = await db.selectFrom('lease').select('name').where('name', 'like', 'quick%').execute();
    expect(leases.map((lease) => lease.name)).toEqual(['quick']);
  });

  it('lets exactly one of many concurrent claims win a conditional update', async () => {
    await db.insertInto('gadget').values({ id: 'g-claim', name: 'claim', count: 0, seen_at: 0 }).execute();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        db
          .updateTable('gadget')
          .set({ count: n + 1 })
          .where('id', '=', 'g-claim')
          .where('count', '=', 0)
          .executeTakeFirst(),
      ),
    );
    expect(claims.filter((r) => Number(r.numUpdatedRows) === 1)).toHaveLength(1);
  });
});
