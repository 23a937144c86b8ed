import { type Principal, type ResolvedScope, UnauthorizedError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { userRepository } from '../db/user.repository';
import { unionPermissions } from '../domain/access-rules';
import { resolveScope } from './resolve-scope';
import { toUserView, type UserView } from './user-view';

export interface Me {
  user: UserView;
  roles: { id: string; name: string }[];
  permissions: string[];
  scope: ResolvedScope;
}

/** The caller as they are now (roles may have changed since their token was issued). */
export async function getMe(ctx: AccountContext, caller: Principal): Promise<Me> {
  const [user, roles, scope] = await Promise.all([
    userRepository.findById(ctx.db, caller.userId),
    roleRepository.rolesOfUser(ctx.db, caller.userId),
    resolveScope(ctx.db, caller.userId),
  ]);
  if (!user || !scope) throw new UnauthorizedError('Your account is disabled or no longer exists.');
  return {
    user: toUserView(user, roles.map((r) => r.id).sort()),
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    permissions: unionPermissions(roles),
    scope,
  };
}
