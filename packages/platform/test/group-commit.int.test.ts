import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupCommitting } from '../src/db/group-commit';
import { openDatabase, type ServiceDatabase } from '../src/index';

interface Tables {
  entry: { id: string; owner: string };
}

describe('group commit on SQLite', () => {
  let dir: string;
  let database: ServiceDatabase<Tables>;
  let reader: SqliteDatabase.Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-group-commit-'));
    database = await openDatabase<Tables>(`sqlite:${dir}`, 'group');
    await sql`create table entry (id text primary key, owner text not null)`.execute(database.db);
    // A second connection sees only what was committed.
    reader = new SqliteDatabase(database.name, { readonly: true });
  });
  afterAll(async () => {
    reader?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const committed = (owner: string) =>
    (reader.prepare('select id from entry where owner = ? order by id').all(owner) as { id: string }[]).map((r) => r.id);

  it('answers each of many concurrent transactions after its writes are committed, and a failing one rolls back alone', async () => {
    const transact = groupCommitting(database.db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, n) =>
        transact(async (trx) => {
          await trx
            .insertInto('entry')
            .values({ id: `a${String(n).padStart(2, '0')}`, owner: 'many' })
            .execute();
          await new Promise((resolve) => setImmediate(resolve));
          await trx
            .insertInto('entry')
            .values({ id: `b${String(n).padStart(2, '0')}`, owner: 'many' })
            .execute();
          if (n % 10 === 3) throw new Error(`work ${n} fails`);
          // Visible to another connection only once committed: never while the work runs.
          expect(committed('many')).not.toContain(`b${String(n).padStart(2, '0')}`);
          return n;
        }).then((n) => {
          expect(committed('many')).toContain(`b${String(n).padStart(2, '0')}`);
          return n;
        }),
      ),
    );
    const failed = outcomes.flatMap((o, n) => (o.status === 'rejected' ? [n] : []));
    expect(failed).toEqual([3, 13, 23, 33]);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(
      failed.map((n) => `work ${n} fails`),
    );
    const expected = Array.from({ length: 40 }, (_, n) => n)
      .filter((n) => !failed.includes(n))
      .flatMap((n) => [`a${String(n).padStart(2, '0')}`, `b${String(n).padStart(2, '0')}`])
      .sort();
    expect(committed('many')).toEqual(expected);
  });

  it('lets the transactions asked for in one turn of the event loop (requests read together) share one commit', async () => {
    const transact = groupCommitting(database.db);
    // Each from a callback of its own, as requests read from the network are; SQLite runs statements synchronously.
    const seenCommitted = await Promise.all(
      Array.from(
        { length: 10 },
        (_, n) =>
          new Promise<number>((resolve, reject) =>
            setImmediate(() =>
              transact(async (trx) => {
                await trx
                  .insertInto('entry')
                  .values({ id: `t${n}`, owner: 'turn' })
                  .execute();
                return committed('turn').length;
              }).then(resolve, reject),
            ),
          ),
      ),
    );
    // Had any committed on its own, a later one would have seen its row from the other connection.
    expect(seenCommitted).toEqual(Array.from({ length: 10 }, () => 0));
    expect(committed('turn')).toHaveLength(10);
  });

  it('commits a lone transaction at once', async () => {
    const transact = groupCommitting(database.db);
    await transact((trx) => trx.insertInto('entry').values({ id: 'lone', owner: 'lone' }).execute());
    expect(committed('lone')).toEqual(['lone']);
  });

  it('answers every member with the error when the group commit itself fails, and keeps none of their writes', async () => {
    const transact = groupCommitting(database.db);
    // A deferred foreign-key check fails only at commit, after both works succeeded.
    await sql`create table child (id text primary key, parent text references entry(id) deferrable initially deferred)`.execute(
      database.db,
    );
    const results = await Promise.allSettled([
      transact((trx) => trx.insertInto('entry').values({ id: 'kept-not', owner: 'commit-fails' }).execute()),
      transact((trx) => sql`insert into child (id, parent) values ('orphan', 'missing')`.execute(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committed('commit-fails')).toEqual([]);
    // The runner goes on after a failed group.
    await transact((trx) => trx.insertInto('entry').values({ id: 'after', owner: 'after' }).execute());
    expect(committed('after')).toEqual(['after']);
  });

  it('runs the hook before commit once per group, after every work, and lets a failing hook roll the group back', async () => {
    const seenByHook: number[] = [];
    let failHook = false;
    const transact = groupCommitting(database.db, async () => {
      // Before the commit: another connection sees none of the group's writes yet.
      seenByHook.push(committed('hooked').length);
      if (failHook) throw new Error('the hook fails');
    });
    const works = (from: number) =>
      Array.from({ length: 5 }, (_, n) =>
        transact((trx) =>
          trx
            .insertInto('entry')
            .values({ id: `h${from + n}`, owner: 'hooked' })
            .execute(),
        ),
      );
    await Promise.all(works(0));
    expect(seenByHook).toEqual([0]);
    expect(committed('hooked')).toHaveLength(5);
    failHook = true;
    const failed = await Promise.allSettled(works(5));
    expect(failed.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/the hook fails/);
    expect(seenByHook).toEqual([0, 5, 5]);
    expect(committed('hooked')).toHaveLength(5);
  });

  // Found by a full test run: a consumer's transaction asked for as a stop closed the database was never answered,
  // and the runner's own failure surfaced as an unhandled rejection.
  it('answers every waiting transaction with the error when no transaction can begin (the database closed)', async () => {
    const closing = await openDatabase<Tables>(`sqlite:${dir}`, 'closing');
    await sql`create table entry (id text primary key, owner text not null)`.execute(closing.db);
    const transact = groupCommitting(closing.db);
    await closing.close();
    const results = await Promise.allSettled([
      transact((trx) => trx.insertInto('entry').values({ id: 'late-1', owner: 'late' }).execute()),
      transact((trx) => trx.insertInto('entry').values({ id: 'late-2', owner: 'late' }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/destroyed/);
  });
});
