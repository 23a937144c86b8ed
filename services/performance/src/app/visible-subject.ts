import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { type Access, asCaller, NotFoundError } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import type { Subject } from '../domain/subject';

/** A subject the caller may see: the team it belongs to (or is), its country, and for a team its whole subtree. */
export interface VisibleSubject {
  subject: Subject;
  country: string;
  orgUnitId: string;
  /** For a team: it and every unit under it. */
  orgUnitIds: string[];
}

/**
 * The subject if the caller's scope covers it, else `NotFoundError`: a rep sees themselves; a manager the reps the
 * account service shows them (asked with their token, so its scope rules apply) and the teams of their subtree; a
 * country manager the teams of their country.
 */
export async function visibleSubject(ctx: PerformanceContext, { caller, scope }: Access, subject: Subject): Promise<VisibleSubject> {
  if (subject.type === 'user') {
    if (subject.id === caller.userId) return { subject, country: caller.country, orgUnitId: caller.orgUnitId, orgUnitIds: [] };
    if (scope.scope === 'self') throw new NotFoundError('Subject');
    try {
      const { user } = await ctx.rpc.client(AccountService).getUser({ id: subject.id }, asCaller(caller.token));
      if (!user) throw new NotFoundError('Subject');
      return { subject, country: user.country, orgUnitId: user.orgUnitId, orgUnitIds: [] };
    } catch (error) {
      if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument))
        throw new NotFoundError('Subject');
      throw error;
    }
  }
  const unit = await orgUnitRepository.findById(ctx.db, subject.id);
  const covered =
    unit !== undefined &&
    (scope.scope === 'all' ||
      (scope.scope === 'country' && unit.country === scope.country) ||
      ((scope.scope === 'team' || scope.scope === 'area') && scope.orgUnitIds.includes(unit.id)));
  if (!unit || !covered) throw new NotFoundError('Subject');
  return { subject, country: unit.country, orgUnitId: unit.id, orgUnitIds: await orgUnitRepository.subtree(ctx.db, unit.id, unit.country) };
}
