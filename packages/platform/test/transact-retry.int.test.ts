import { databaseEngines } from '@fieldops/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTransactor,
  isLockConflict,
  migrateToLatest,
  openDatabase,
  type PlatformTables,
  platformMigrations,
  type ServiceDatabase,
  type ServiceMigration,
  type Transactor,
} from '../src/index';

interface Tables extends PlatformTables {
  counter: { id: string; value: number };
}

const counters: ServiceMigration = {
  name: '001_counter',
  async up(db, t) {
    await db.schema
      .createTable('counter')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('value', t.integer, (c) => c.notNull())
      .execute();
  },
};

/** What MySQL/MariaDB throws for a deadlock victim, as the driver shapes it. */
const deadlockVictim = () => Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213 });

/** Resolves once `parties` callers have arrived: two transactions each holding their first lock. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

describe.each(await databaseEngines())('ctx.transact retrying lock conflicts on $name', (engine) => {
  let database: ServiceDatabase<Tables>;
  let db: Kysely<Tables>;
  let transact: Transactor<Tables>;
  const place = engine.create();

  beforeAll(async () => {
    database = await openDatabase<Tables>(place.url, 'retry');
    db = database.db;
    await migrateToLatest(db as unknown as Kysely<unknown>, database.dialect, [
      { table: 'platform_migration', migrations: platformMigrations },
      { table: 'service_migration', migrations: [counters] },
    ]);
    transact = createTransactor(
      db,
      'retry',
      () => Date.now(),
      () => undefined,
      () => {},
      { onEffectError: () => {} },
    );
  });
  afterAll(async () => {
    await database?.close();
    await place.cleanup(['retry']);
  });

  const bump = (trx: Kysely<Tables>, id: string) =>
    trx.updateTable('counter').set({ value: sql`value + 1` }).where('id', '=', id).execute();
  const counted = async (id: string) =>
    (await db.selectFrom('counter').select('value').where('id', '=', id).executeTakeFirstOrThrow()).value;

  it('runs the work again after a lock conflict, and commits only the attempt that succeeded', async () => {
    await db.insertInto('counter').values({ id: 'victim', value: 0 }).execute();
    let attempts = 0;
    const answer = await transact(
      async (trx) => {
        attempts += 1;
        await bump(trx, 'victim');
        if (attempts < 3) throw deadlockVictim();
        return 'done';
      },
      { retryLockConflicts: true },
    );
    expect(answer).toBe('done');
    expect(attempts).toBe(3);
    expect(await counted('victim')).toBe(1);
  });

  it('gives up after a few attempts and throws the conflict', async () => {
    let attempts = 0;
    const failing = transact(
      async () => {
        attempts += 1;
        throw deadlockVictim();
      },
      { retryLockConflicts: true },
    );
    await expect(failing).rejects.toSatisfy(isLockConflict);
    expect(attempts).toBe(4);
  });

  it('does not retry without the option, nor any other error', async () => {
    let attempts = 0;
    await expect(
      transact(async () => {
        attempts += 1;
        throw deadlockVictim();
      }),
    ).rejects.toSatisfy(isLockConflict);
    await expect(
      transact(
        async () => {
          attempts += 1;
          throw new Error('a rule refused the change');
        },
        { retryLockConflicts: true },
      ),
    ).rejects.toThrow('a rule refused the change');
    expect(attempts).toBe(2);
  });

  it('runs the before-commit hook inside each transaction after its work, also when the work fails; a failing hook rolls back', async () => {
    const steps: string[] = [];
    let failHook = false;
    const hooked = createTransactor(
      db,
      'retry',
      () => Date.now(),
      () => undefined,
      () => {},
      {
        onEffectError: () => {},
        beforeCommit: async () => {
          steps.push('hook');
          if (failHook) throw new Error('the hook fails');
        },
      },
    );
    await db.insertInto('counter').values({ id: 'hooked', value: 0 }).execute();
    await hooked(async (trx, events) => {
      steps.push('work');
      await bump(trx, 'hooked');
      events.afterCommit(() => {
        steps.push('committed');
      });
    });
    await expect(
      hooked(async () => {
        steps.push('failing work');
        throw new Error('a rule refused the change');
      }),
    ).rejects.toThrow('a rule refused the change');
    expect(steps).toEqual(['work', 'hook', 'committed', 'failing work', 'hook']);
    failHook = true;
    await expect(hooked((trx) => bump(trx, 'hooked'))).rejects.toThrow('the hook fails');
    expect(await counted('hooked')).toBe(1);
  });

  it('runs after-commit effects once the work committed, seeing its rows; a rolled-back attempt runs none', async () => {
    await db.insertInto('counter').values({ id: 'announced', value: 0 }).execute();
    const seen: number[] = [];
    let attempts = 0;
    await transact(
      async (trx, events) => {
        attempts += 1;
        await bump(trx, 'announced');
        events.afterCommit(async () => {
          seen.push(await counted('announced'));
        });
        if (attempts < 2) throw deadlockVictim();
      },
      { retryLockConflicts: true },
    );
    // One effect, of the attempt that committed, reading the committed value from outside the transaction.
    expect(seen).toEqual([1]);
    await expect(
      transact(async (_trx, events) => {
        events.afterCommit(() => {
          seen.push(-1);
        });
        throw new Error('a rule refused the change');
      }),
    ).rejects.toThrow('a rule refused the change');
    expect(seen).toEqual([1]);
  });

  it('an after-commit effect that fails leaves the committed work and its answer standing', async () => {
    const answer = await transact(async (trx, events) => {
      await trx.insertInto('counter').values({ id: 'kept', value: 7 }).execute();
      events.afterCommit(() => {
        throw new Error('the signal could not be sent');
      });
      return 'committed';
    });
    expect(answer).toBe('committed');
    expect(await counted('kept')).toBe(7);
  });

  // SQLite serialises write transactions: two can never hold locks the other waits for.
  it.runIf(engine.name === 'mariadb')('settles a real deadlock: the victim runs again after the winner commits', async () => {
    await db
      .insertInto('counter')
      .values([
        { id: 'left', value: 0 },
        { id: 'right', value: 0 },
      ])
      .execute();
    const run = async (first: string, second: string, options: { retryLockConflicts: boolean }) => {
      const bothHoldTheirFirstLock = barrier(2);
      let attempts = 0;
      const crossing = (from: string, to: string) =>
        transact(async (trx) => {
          attempts += 1;
          await bump(trx, from);
          if (attempts <= 2) await bothHoldTheirFirstLock();
          await bump(trx, to);
        }, options);
      const results = await Promise.allSettled([crossing(first, second), crossing(second, first)]);
      return { attempts, results };
    };

    const unretried = await run('left', 'right', { retryLockConflicts: false });
    const rejected = unretried.results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(isLockConflict((rejected[0] as PromiseRejectedResult).reason)).toBe(true);
    expect([await counted('left'), await counted('right')]).toEqual([1, 1]);

    const retried = await run('left', 'right', { retryLockConflicts: true });
    expect(retried.results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(retried.attempts).toBe(3);
    expect([await counted('left'), await counted('right')]).toEqual([3, 3]);
  });
});
