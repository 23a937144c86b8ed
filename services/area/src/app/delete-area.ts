import { ConflictError, PreconditionFailedError } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { areaRepository } from '../db/area.repository';
import { assignmentRepository } from '../db/assignment.repository';
import { pathIds } from '../domain/area-kind';
import { areaEvents } from '../events/published';
import type { AreaIndexHolder } from './area-index-holder';
import { areaInScope } from './area-rules';
import type { AreaAccess } from './area-visibility';
import { bumpIndexVersion } from './index-change';
import { syncCoverage } from './sync-coverage';

/** Deletes a leaf area nobody is (or will be) assigned to; one with children or people would orphan them. */
export async function deleteArea(
  ctx: AreaContext,
  access: AreaAccess,
  index: AreaIndexHolder,
  id: string,
  ifMatch: (current: number) => number,
): Promise<void> {
  await ctx.transact(
    async (trx, events) => {
      const area = await areaInScope(trx, access.scope, id);
      const expected = ifMatch(Number(area.version));
      const children = await areaRepository.countChildren(trx, id);
      if (children > 0) throw new ConflictError(`The area still has ${children} child area(s); delete them first.`);
      const assigned = await assignmentRepository.countCurrentOnArea(trx, id, ctx.clock.now());
      if (assigned > 0) throw new ConflictError(`The area still has ${assigned} current or future assignment(s); end them first.`);
      if (!(await areaRepository.delete(trx, id, expected))) throw new PreconditionFailedError();
      await bumpIndexVersion(ctx, trx);
      await events.append(areaEvents.deleted(area, access.caller.userId));
      // Whoever covered an ancestor covered this area too.
      await syncCoverage(ctx, trx, events, await assignmentRepository.usersOn(trx, pathIds(area.path)));
    },
    { retryLockConflicts: true },
  );
  index.markStale();
}
