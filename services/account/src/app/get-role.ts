import { NotFoundError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { type RoleView, toRoleView } from './role-view';

/** Roles are the same for everyone: what they grant is no secret to whoever may read roles. */
export async function getRole(ctx: AccountContext, id: string): Promise<RoleView> {
  const role = await roleRepository.findById(ctx.db, id);
  if (!role) throw new NotFoundError('Role');
  return toRoleView(role);
}
