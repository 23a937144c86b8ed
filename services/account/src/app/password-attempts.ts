import { TooManyRequestsError } from '@fieldops/platform';
import type { AccountContext } from '../config';

/** Failed password checks one account may have in a window before each further one waits longer. */
const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const FIRST_WAIT_MS = 30 * 1000;
const LONGEST_WAIT_MS = 15 * 60 * 1000;

const failuresKey = (email: string) => `account:password-failures:${email}`;
const lockKey = (email: string) => `account:password-lock:${email}`;

/**
 * Per-account back-off for password checks (login and changing one's password share it), on the Cache port so every
 * replica counts together. Keyed by the email as typed, known or not, so a lockout tells nothing about who exists.
 * The gateway adds a per-address budget in front.
 */
export const passwordAttempts = {
  /** Refuses (429 with Retry-After) while the account waits out its back-off; the password is not even checked. */
  async assertAllowed(ctx: AccountContext, email: string): Promise<void> {
    const until = await ctx.cache.get<number>(lockKey(email));
    const waitMs = until === undefined ? 0 : until - ctx.clock.now();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new TooManyRequestsError(`Too many wrong passwords for this account. Retry in ${seconds} s.`, seconds);
  },

  /** Counts a wrong password; from the sixth in a window each one doubles the wait (30 s, 1 min, … 15 min). */
  async failed(ctx: AccountContext, email: string): Promise<void> {
    const { count } = await ctx.cache.increment(failuresKey(email), WINDOW_MS);
    if (count < FREE_FAILURES) return;
    const waitMs = Math.min(FIRST_WAIT_MS * 2 ** (count - FREE_FAILURES), LONGEST_WAIT_MS);
    await ctx.cache.set(lockKey(email), ctx.clock.now() + waitMs, waitMs);
  },

  /** The right password: the account starts afresh. */
  async succeeded(ctx: AccountContext, email: string): Promise<void> {
    await Promise.all([ctx.cache.delete(failuresKey(email)), ctx.cache.delete(lockKey(email))]);
  },
};
