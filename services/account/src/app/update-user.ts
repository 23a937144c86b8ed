import { type Access, NotFoundError, PreconditionFailedError, UnprocessableError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { type UserRow, userRepository } from '../db/user.repository';
import { userEvents } from '../events/published';
import { agencyForUser, grantableRoles, normalisePhone, orgUnitForUser } from './user-rules';
import { toUserView, type UserView } from './user-view';

export interface UpdateUserInput {
  name?: string;
  phone?: string | null;
  orgUnitId?: string;
  agencyId?: string | null;
  locale?: string;
  status?: 'active' | 'disabled';
  roleIds?: string[];
}

/** Changes a user the caller can see; `expectedVersion` comes from If-Match (or the version just read). */
export async function updateUser(
  ctx: AccountContext,
  access: Access,
  id: string,
  input: UpdateUserInput,
  ifMatch: (current: number) => number,
): Promise<UserView> {
  const { caller, scope } = access;
  const user = await userRepository.findById(ctx.db, id, scope);
  if (!user) throw new NotFoundError('User');
  const expected = ifMatch(user.version);
  if (input.status === 'disabled' && id === caller.userId) {
    throw new UnprocessableError('You cannot disable your own account.', [{ field: '/body/status', message: 'cannot disable yourself' }]);
  }
  const unit = input.orgUnitId && input.orgUnitId !== user.org_unit_id ? await orgUnitForUser(ctx.db, scope, input.orgUnitId) : undefined;
  const country = unit?.country ?? user.country;
  const currentRoleIds = (await userRepository.roleIdsOf(ctx.db, [id])).get(id) ?? [];
  let roleIds = currentRoleIds;
  if (input.roleIds) {
    // Taking a role away needs the same authority as giving it.
    const changed = [
      ...input.roleIds.filter((r) => !currentRoleIds.includes(r)),
      ...currentRoleIds.filter((r) => !input.roleIds?.includes(r)),
    ];
    await grantableRoles(ctx.db, caller, changed);
    roleIds = [...new Set(input.roleIds)].sort();
    if (roleIds.length !== (await roleRepository.findMany(ctx.db, roleIds)).length) {
      throw new UnprocessableError('Some roles do not exist.', [{ field: '/body/roleIds', message: 'names a role that does not exist' }]);
    }
  }
  const changes: Partial<UserRow> = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.phone !== undefined || unit
      ? { phone: normalisePhone(ctx, country, input.phone === undefined ? user.phone : input.phone) }
      : {}),
    ...(unit ? { org_unit_id: unit.id, country } : {}),
    ...(input.agencyId !== undefined || unit
      ? { agency_id: await agencyForUser(ctx, caller, input.agencyId === undefined ? user.agency_id : input.agencyId, country) }
      : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    updated_at: ctx.clock.now(),
  };
  const updated: UserRow = { ...user, ...changes, version: expected + 1 };
  const rolesChanged = roleIds.join() !== currentRoleIds.join();
  await ctx.transact(async (trx, events) => {
    if (!(await userRepository.update(trx, id, expected, changes))) throw new PreconditionFailedError();
    if (rolesChanged) {
      await userRepository.setRoles(trx, id, roleIds);
      await events.append(userEvents.rolesChanged(updated, roleIds, caller.userId));
    }
    await events.append(userEvents.updated(updated, roleIds, caller.userId));
  });
  return toUserView(updated, roleIds);
}
