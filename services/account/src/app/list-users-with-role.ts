import type { ResolvedScope } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import { type UserRow, userRepository } from '../db/user.repository';

/** The most holders one call answers: an audience (a notice's recipients), not a directory to page through. */
export const USERS_WITH_ROLE_LIMIT = 1_000;

/**
 * The active holders of a role (by name) in an org unit or any unit below it, within the caller's scope; undefined
 * when the unit does not exist or lies outside that scope. An unknown role name has no holders.
 */
export async function listUsersWithRole(
  ctx: AccountContext,
  scope: ResolvedScope,
  query: { orgUnitId: string; roleName: string },
): Promise<{ users: UserRow[]; truncated: boolean } | undefined> {
  const unit = await orgUnitRepository.findById(ctx.db, query.orgUnitId, scope);
  if (!unit) return undefined;
  const found = await userRepository.activeHoldersUnder(ctx.db, unit.path, query.roleName, scope, USERS_WITH_ROLE_LIMIT + 1);
  return { users: found.slice(0, USERS_WITH_ROLE_LIMIT), truncated: found.length > USERS_WITH_ROLE_LIMIT };
}
