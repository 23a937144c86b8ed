import type { Kysely, Transaction } from 'kysely';
import { groupCommitting, type TransactionRunner } from '../db/group-commit';
import { markCarriedOut, unmarkedClaim } from '../db/idempotency-scope';
import { platformTables } from '../db/platform-tables';
import { isLockConflict } from '../db/portable';
import { buildEnvelope, type EventEnvelope, type NewEvent } from './envelope';

/** Appends events inside a use case's transaction; they are published only if it commits. */
export interface EventWriter {
  append<T>(event: NewEvent<T>): Promise<EventEnvelope<T>>;
  /**
   * Runs `effect` once the transaction has committed, never if it rolls back: for signals outside the database (a
   * live update to connected clients) that must not announce rows a reader could not yet see. Its failure is only
   * logged; the committed rows stand.
   */
  afterCommit(effect: () => Promise<void> | void): void;
}

export function outboxWriter<DB>(
  trx: Transaction<DB>,
  source: string,
  now: () => number,
  traceparent: () => string | undefined,
  onAppend: () => void,
  onCommit: (effect: () => Promise<void> | void) => void = () => {},
): EventWriter {
  const db = platformTables(trx);
  return {
    afterCommit: onCommit,
    async append(event) {
      const envelope = buildEnvelope(source, event, now(), traceparent());
      await db
        .insertInto('outbox')
        .values({
          id: envelope.id,
          type: envelope.type,
          subject: envelope.subject,
          envelope: JSON.stringify(envelope),
          created_at: now(),
          published_at: null,
        })
        .execute();
      onAppend();
      return envelope;
    },
  };
}

export interface TransactOptions {
  /**
   * Run the work again (a few times, after a short pause) when MySQL/MariaDB rolls the transaction back for a lock
   * conflict: for use cases that lock rows in an order another writer may cross. The work must be safe to repeat
   * (nothing outside the transaction), which it is when all it does is read and write through `trx`.
   */
  retryLockConflicts?: boolean;
}

export interface TransactorOptions {
  /** Concurrent transactions share one commit (SQLite: see `groupCommitting`). */
  groupCommit?: boolean;
  /** Told of an after-commit effect that failed (the committed rows stand). */
  onEffectError?: (error: unknown) => void;
  /** Runs after every commit, before the after-commit effects: where read-your-writes notes the primary's position. */
  afterCommit?: () => Promise<void>;
  /**
   * Runs inside every transaction after its work, before it commits (once for a group that commits together), and
   * also when the work failed: what a service holds open beside its database (see `SetupContext.beforeEachCommit`).
   */
  beforeCommit?: () => Promise<void>;
}

/**
 * Runs `work` in one transaction with an event writer bound to it. When the transaction commits and events
 * were appended, the relay is woken so embedded mode dispatches right away; then the work's after-commit effects run.
 */
export type Transactor<DB> = <T>(work: (trx: Transaction<DB>, events: EventWriter) => Promise<T>, options?: TransactOptions) => Promise<T>;

const LOCK_CONFLICT_ATTEMPTS = 4;

export function createTransactor<DB>(
  db: Kysely<DB>,
  source: string,
  now: () => number,
  traceparent: () => string | undefined,
  wakeRelay: () => void,
  options: TransactorOptions = {},
): Transactor<DB> {
  const onEffectError = options.onEffectError ?? ((error) => console.error('[fieldops] an after-commit effect failed:', error));
  const { beforeCommit } = options;
  const inTransaction: TransactionRunner<DB> = options.groupCommit
    ? groupCommitting(db, beforeCommit)
    : (work) =>
        db.transaction().execute(async (trx) => {
          // After a failed work the hook still runs, and the work's error is the one told.
          const result = await work(trx).catch(async (error: unknown) => {
            await beforeCommit?.().catch(() => undefined);
            throw error;
          });
          await beforeCommit?.();
          return result;
        });
  const once = async <T>(work: (trx: Transaction<DB>, events: EventWriter) => Promise<T>): Promise<T> => {
    let appended = false;
    // Per attempt: a rolled-back attempt's effects are dropped with it.
    const effects: (() => Promise<void> | void)[] = [];
    // Read here, in the request's context: a group commit runs the work in the context of the group's first caller.
    const claim = unmarkedClaim(source);
    const result = await inTransaction(async (trx) => {
      if (claim) await markCarriedOut(trx, claim);
      return work(
        trx,
        outboxWriter(
          trx,
          source,
          now,
          traceparent,
          () => {
            appended = true;
          },
          (effect) => effects.push(effect),
        ),
      );
    });
    if (claim) claim.carriedOut = true;
    if (appended) wakeRelay();
    await options.afterCommit?.();
    for (const effect of effects) {
      try {
        await effect();
      } catch (error) {
        onEffectError(error);
      }
    }
    return result;
  };
  return async (work, options = {}) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(work);
      } catch (error) {
        if (!options.retryLockConflicts || !isLockConflict(error) || attempt >= LOCK_CONFLICT_ATTEMPTS) throw error;
        // The victim's work was rolled back whole; a short, jittered pause lets the winner commit first.
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      }
    }
  };
}
