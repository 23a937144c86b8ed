import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { AreaContext } from '../config';
import type { AreaDb } from '../db/schema';

const DEADLOCK = 1213;
const LOCK_WAIT_TIMEOUT = 1205;
const ATTEMPTS = 4;

function isLockConflict(error: unknown): boolean {
  const errno = (error as { errno?: unknown } | undefined)?.errno;
  return errno === DEADLOCK || errno === LOCK_WAIT_TIMEOUT;
}

/**
 * `ctx.transact`, run again when MySQL/MariaDB chose this transaction as a deadlock victim. Coverage is recomputed
 * under per-user row locks (see syncCoverage), so two writers touching the same user's assignments can deadlock;
 * the victim's work was rolled back whole and is simply repeated. SQLite serialises writers and never gets here.
 */
export async function transactWithRetry<T>(
  ctx: AreaContext,
  work: (trx: Transaction<AreaDb>, events: EventWriter) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.transact(work);
    } catch (error) {
      if (!isLockConflict(error) || attempt >= ATTEMPTS) throw error;
      ctx.log.warn({ attempt }, 'transaction chosen as a deadlock victim; running it again');
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
