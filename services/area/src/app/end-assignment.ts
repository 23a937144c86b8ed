import { ConflictError, NotFoundError, PreconditionFailedError } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { assignmentRepository } from '../db/assignment.repository';
import { assignmentEvents } from '../events/published';
import { areaInScope } from './area-rules';
import type { AreaAccess } from './area-visibility';
import { syncCoverage } from './sync-coverage';

/**
 * Ends an assignment now (one that has not started yet never will). The row stays, with `endedAt`, for the record;
 * the user's coverage shrinks at once.
 */
export async function endAssignment(ctx: AreaContext, access: AreaAccess, areaId: string, assignmentId: string): Promise<void> {
  await ctx.transact(
    async (trx, events) => {
      await areaInScope(trx, access.scope, areaId);
      const row = await assignmentRepository.findById(trx, assignmentId);
      if (!row || row.area_id !== areaId) throw new NotFoundError('Assignment');
      if (row.ended_at !== null) throw new ConflictError('The assignment has already been ended.');
      const now = ctx.clock.now();
      const effectiveTo = row.effective_to === null ? now : Math.min(Number(row.effective_to), now);
      const changes = { effective_to: effectiveTo, ended_at: now, updated_at: now };
      if (!(await assignmentRepository.update(trx, row.id, Number(row.version), changes))) throw new PreconditionFailedError();
      await events.append(assignmentEvents.ended({ ...row, ...changes, version: Number(row.version) + 1 }, now, access.caller.userId));
      await syncCoverage(ctx, trx, events, [row.user_id]);
    },
    { retryLockConflicts: true },
  );
}
