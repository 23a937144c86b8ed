import type { Access, DataScope } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { type Role, roleRepository } from '../db/role.repository';
import { roleEvents } from '../events/published';
import { checkGrantable, knownPermissions, withUniqueName } from './role-rules';
import { type RoleView, toRoleView } from './role-view';

export interface CreateRoleInput {
  name: string;
  description?: string;
  permissions: string[];
  scope: DataScope;
}

export async function createRole(ctx: AccountContext, { caller }: Access, input: CreateRoleInput): Promise<RoleView> {
  const now = ctx.clock.now();
  const role: Role = {
    id: uuidv7(),
    name: input.name,
    description: input.description?.trim() ?? '',
    permissions: knownPermissions(input.permissions),
    scope: input.scope,
    builtIn: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  checkGrantable(caller, role);
  await withUniqueName(role.name, () =>
    ctx.transact(async (trx, events) => {
      await roleRepository.insert(trx, role);
      await events.append(roleEvents.created(role, caller.userId));
    }),
  );
  return toRoleView(role);
}
