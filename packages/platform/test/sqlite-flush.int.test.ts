import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StablePlanSqliteDialect } from '../src/db/sqlite-dialect';
import { withoutDiskWait } from '../src/db/without-disk-wait';

interface Tables {
  note: { id: number; text: string };
}

describe('SQLite commits flushed off the event loop', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-flush-'));
  const file = path.join(folder, 'notes.db');
  let sqlite: SqliteDatabase.Database;
  let dialect: StablePlanSqliteDialect;
  let db: Kysely<Tables>;
  const level = async (on: Kysely<Tables>) => (await sql<{ synchronous: number }>`pragma synchronous`.execute(on)).rows[0]?.synchronous;

  beforeAll(async () => {
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    dialect = new StablePlanSqliteDialect(sqlite, `${file}-wal`);
    db = new Kysely<Tables>({ dialect });
    await db.schema
      .createTable('note')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('text', 'text')
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('flushes once per commit that wrote, whether a transaction or a statement of its own, and never for a read', async () => {
    const before = dialect.flushes;
    await db.insertInto('note').values({ id: 1, text: 'alone' }).execute();
    expect(dialect.flushes).toBe(before + 1);
    await db.transaction().execute(async (trx) => {
      for (const id of [2, 3, 4]) await trx.insertInto('note').values({ id, text: 'together' }).execute();
      // Not before the commit: the transaction's writes are flushed once, with it.
      expect(dialect.flushes).toBe(before + 1);
    });
    expect(dialect.flushes).toBe(before + 2);
    expect(await db.selectFrom('note').select('id').orderBy('id').execute()).toEqual([1, 2, 3, 4].map((id) => ({ id })));
    // A write that changed no row wrote nothing to the log: nothing to flush.
    await db
      .insertInto('note')
      .values({ id: 1, text: 'again' })
      .onConflict((c) => c.doNothing())
      .execute();
    await db.updateTable('note').set({ text: 'none' }).where('id', '=', 99).execute();
    expect(dialect.flushes).toBe(before + 2);
    const [returned] = await db.insertInto('note').values({ id: 6, text: 'returned' }).returning('id').execute();
    expect(returned).toEqual({ id: 6 });
    expect(dialect.flushes).toBe(before + 3);
    await db.deleteFrom('note').where('id', '=', 6).execute();
    expect(dialect.flushes).toBe(before + 4);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ id: 5, text: 'undone' }).execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(dialect.flushes).toBe(before + 4);
    expect(await db.selectFrom('note').select('id').where('id', '=', 5).execute()).toEqual([]);
  });

  it('answers the level asked for, FULL, while SQLite itself runs at NORMAL, and skips the flush inside withoutDiskWait', async () => {
    expect(await level(db)).toBe(2);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    const before = dialect.flushes;
    const inside = await withoutDiskWait(db, 'sqlite', async (connection) => {
      await connection.insertInto('note').values({ id: 10, text: 'quick' }).execute();
      return level(connection);
    });
    expect(inside).toBe(1);
    expect(dialect.flushes).toBe(before);
    expect(await level(db)).toBe(2);
    await db.insertInto('note').values({ id: 11, text: 'durable' }).execute();
    expect(dialect.flushes).toBe(before + 1);
    await expect(sql`pragma synchronous = sometimes`.execute(db)).rejects.toThrow('unknown synchronous level');
  });

  it('keeps every answered commit in the file, read back by another connection', async () => {
    const other = new SqliteDatabase(file, { readonly: true });
    try {
      const ids = other.prepare('select id from note order by id').all() as { id: number }[];
      expect(ids.map((row) => row.id)).toEqual([1, 2, 3, 4, 10, 11]);
    } finally {
      other.close();
    }
  });
});
