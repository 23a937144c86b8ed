import type { DeliveryOutcome } from '../channels/channel';
import type { DeliveryState } from '../db/schema';

/** Attempts before a delivery that keeps failing temporarily is dead-lettered. */
export const MAX_ATTEMPTS = 5;

/** Waits after the 1st, 2nd… failed attempt: a minute, then longer, capped at two hours. */
export function backoffMs(attempt: number): number {
  return Math.min(60_000 * 5 ** (attempt - 1), 2 * 3_600_000);
}

export interface NextState {
  state: DeliveryState;
  nextAttemptAt: number | null;
}

/** Where a delivery goes after its `attempts`-th attempt answered `outcome`. */
export function afterAttempt(outcome: DeliveryOutcome, attempts: number, now: number): NextState {
  switch (outcome.status) {
    case 'sent':
      return { state: 'sent', nextAttemptAt: null };
    case 'retry':
      return attempts >= MAX_ATTEMPTS
        ? { state: 'dead-lettered', nextAttemptAt: null }
        : { state: 'retrying', nextAttemptAt: now + backoffMs(attempts) };
    case 'failed':
    case 'gone':
      return { state: 'failed', nextAttemptAt: null };
  }
}
