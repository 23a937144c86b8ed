import type { ResolvedScope } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import { type UserRow, userRepository } from '../db/user.repository';
import { LEADING_SCOPES, nearestLeaders, unitsUpward } from '../domain/team-leads';

/**
 * The team leads of a user in the caller's scope (undefined when the user is outside it): the leaders of the user's
 * unit, or of the nearest unit above with one. Leads outside the caller's scope are left out.
 */
export async function getTeamLeads(
  ctx: AccountContext,
  scope: ResolvedScope,
  userId: string,
): Promise<{ orgUnitId: string; leads: UserRow[] } | undefined> {
  const user = await userRepository.findById(ctx.db, userId, scope);
  if (!user) return undefined;
  const unit = await orgUnitRepository.findById(ctx.db, user.org_unit_id);
  const units = unit ? unitsUpward(unit.path) : [];
  const leaders = await userRepository.leadersIn(ctx.db, units, LEADING_SCOPES, user.agency_id);
  const nearest = nearestLeaders(units, leaders, user.id);
  if (!nearest) return { orgUnitId: '', leads: [] };
  return { orgUnitId: nearest.orgUnitId, leads: await userRepository.findMany(ctx.db, nearest.leaderIds, scope) };
}
