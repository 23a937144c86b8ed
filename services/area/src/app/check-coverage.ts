import type { AreaContext } from '../config';
import { assignmentRepository } from '../db/assignment.repository';
import { stateRepository } from '../db/coverage.repository';
import { previewRepository } from '../db/preview.repository';
import { syncCoverage } from './sync-coverage';

export const COVERAGE_CHECKED_AT = 'coverage_checked_at';

/**
 * Coverage changes by itself when an assignment's effective period starts or ends. Every run rechecks the users
 * whose assignments crossed such a boundary since the last run (`(checkedAt, now]`), publishing only real changes,
 * and drops expired geometry previews.
 */
export async function checkCoverage(ctx: AreaContext): Promise<number> {
  const now = ctx.clock.now();
  const since = await stateRepository.get(ctx.db, COVERAGE_CHECKED_AT);
  if (now <= since) return 0;
  const users = await assignmentRepository.usersWithBoundaryIn(ctx.db, since, now);
  let changed = 0;
  for (let i = 0; i < users.length; i += 100) {
    const batch = users.slice(i, i + 100);
    changed += await ctx.transact((trx, events) => syncCoverage(ctx, trx, events, batch), { retryLockConflicts: true });
  }
  await stateRepository.set(ctx.db, ctx.dialect, COVERAGE_CHECKED_AT, now);
  await previewRepository.removeExpired(ctx.db, now);
  return changed;
}
