import type { ControlledTransaction, Kysely, Transaction } from 'kysely';

/** Runs work in a transaction and answers once it is durable, like `db.transaction().execute(work)`. */
export type TransactionRunner<DB> = <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

/** Transactions that join one commit at most; bounds how long a reader waits behind a busy writer. */
const MAX_GROUP = 64;

interface Waiting<DB> {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite, where one connection runs every transaction in turn and each commit waits for the disk
 * (`synchronous=FULL`). Transactions that arrive while one runs are queued; the runner opens one transaction, runs
 * each queued work inside a savepoint of its own (a failing one rolls back only its savepoint and is answered with its
 * error), and commits once the queue is empty. Each caller is answered only after that commit: nothing is
 * acknowledged before it is durable. A group starts one event-loop turn after its first transaction arrived, so the
 * requests read from the network in that turn join it. `beforeCommit` runs once per group, after its last work.
 */
export function groupCommitting<DB>(db: Kysely<DB>, beforeCommit?: () => Promise<void>): TransactionRunner<DB> {
  const queue: Waiting<DB>[] = [];
  let running = false;

  async function runGroup(): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      // No transaction to run them in (the database closed by a stop, or away): those the group would take are told.
      for (const waiting of queue.splice(0, MAX_GROUP)) waiting.reject(error);
      return;
    }
    const done: { waiting: Waiting<DB>; result: unknown }[] = [];
    try {
      for (let n = 1; n <= MAX_GROUP; n++) {
        const waiting = queue.shift();
        if (!waiting) break;
        const name = `g${n}`;
        const savepoint: ControlledTransaction<DB, [string]> = await trx.savepoint(name).execute();
        try {
          const result = await waiting.work(savepoint);
          await savepoint.releaseSavepoint(name).execute();
          done.push({ waiting, result });
        } catch (error) {
          await savepoint.rollbackToSavepoint(name).execute();
          waiting.reject(error);
        }
      }
      await beforeCommit?.();
      await trx.commit().execute();
    } catch (error) {
      await beforeCommit?.().catch(() => undefined);
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const { waiting } of done) waiting.reject(error);
      return;
    }
    for (const { waiting, result } of done) waiting.resolve(result);
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        // SQLite runs each statement synchronously, so without a turn of the event loop no request read from the
        // network meanwhile could reach the queue: every group would hold one transaction and pay its own fsync.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await runGroup();
      }
    } finally {
      running = false;
    }
  }

  return <T>(work: (trx: Transaction<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (result: unknown) => void, reject });
      if (!running) void drain();
    });
}
