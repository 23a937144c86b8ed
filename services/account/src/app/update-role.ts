import { type Access, type DataScope, NotFoundError, PreconditionFailedError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { type Role, roleRepository } from '../db/role.repository';
import { roleEvents } from '../events/published';
import { checkGrantable, checkNotBuiltIn, knownPermissions, withUniqueName } from './role-rules';
import { type RoleView, toRoleView } from './role-view';

export interface UpdateRoleInput {
  name?: string;
  description?: string;
  permissions?: string[];
  scope?: DataScope;
}

/** Changes a custom role. Its holders get the new permissions with their next access token. */
export async function updateRole(
  ctx: AccountContext,
  { caller }: Access,
  id: string,
  input: UpdateRoleInput,
  ifMatch: (current: number) => number,
): Promise<RoleView> {
  const permissions = input.permissions && knownPermissions(input.permissions);
  return withUniqueName(input.name ?? '', () =>
    ctx.transact(async (trx, events) => {
      const role = await roleRepository.findById(trx, id);
      if (!role) throw new NotFoundError('Role');
      checkNotBuiltIn(role);
      const expected = ifMatch(role.version);
      // Both sides: taking a permission away from a role needs the same authority as giving it.
      checkGrantable(caller, role);
      const next: Role = {
        ...role,
        name: input.name ?? role.name,
        description: input.description?.trim() ?? role.description,
        permissions: permissions ?? role.permissions,
        scope: input.scope ?? role.scope,
      };
      checkGrantable(caller, next);
      const same =
        next.name === role.name &&
        next.description === role.description &&
        next.scope === role.scope &&
        next.permissions.join() === role.permissions.join();
      if (same) return toRoleView(role);
      const updated: Role = { ...next, version: expected + 1, updatedAt: ctx.clock.now() };
      if (!(await roleRepository.update(trx, updated, expected))) throw new PreconditionFailedError();
      await events.append(roleEvents.updated(updated, caller.userId));
      return toRoleView(updated);
    }),
  );
}
