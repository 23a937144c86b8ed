import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { AccountService, type UserSchema } from '@fieldops/contracts';
import { can, rpcCaller } from '@fieldops/platform';
import { getTeamLeads } from '../app/get-team-leads';
import { issueServiceToken } from '../app/issue-service-token';
import { listUsersWithRole } from '../app/list-users-with-role';
import { resolveCallerScope, resolveScope } from '../app/resolve-scope';
import { publicKeys } from '../app/token-issuer';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { type UserRow, userRepository } from '../db/user.repository';
import { unionPermissions } from '../domain/access-rules';

function toUserMessage(user: UserRow, roleIds: string[], roleNames: Map<string, string>): MessageInitShape<typeof UserSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone ?? '',
    country: user.country,
    orgUnitId: user.org_unit_id,
    ...(user.agency_id ? { agencyId: user.agency_id } : {}),
    roles: roleIds,
    roleNames: roleIds.flatMap((id) => {
      const name = roleNames.get(id);
      return name === undefined ? [] : [name];
    }),
    status: user.status,
    locale: user.locale,
    createdAt: BigInt(user.created_at),
    updatedAt: BigInt(user.updated_at),
  };
}

/** Reads other services make of this one. Users come back only within the caller's data scope. */
export function accountRpc(router: ConnectRouter, ctx: AccountContext): void {
  const scopeOf = async (context: HandlerContext) => {
    const caller = rpcCaller(context);
    const scope = await resolveCallerScope(ctx.db, caller);
    if (!scope) throw new ConnectError('the caller is disabled', Code.PermissionDenied);
    return { caller, scope };
  };
  const toMessages = async (rows: UserRow[]) => {
    const roles = await userRepository.roleIdsOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    const names = new Map((await roleRepository.findMany(ctx.db, [...new Set([...roles.values()].flat())])).map((r) => [r.id, r.name]));
    return rows.map((r) => toUserMessage(r, roles.get(r.id) ?? [], names));
  };
  const usersInScope = async (context: HandlerContext, ids: string[]) => {
    const { scope } = await scopeOf(context);
    return toMessages(await userRepository.findMany(ctx.db, ids.slice(0, 500), scope));
  };

  router.service(AccountService, {
    async getUser(request, context) {
      const [user] = await usersInScope(context, [request.id]);
      if (!user) throw new ConnectError('user not found', Code.NotFound);
      return { user };
    },
    async batchGetUsers(request, context) {
      return { users: await usersInScope(context, request.ids) };
    },
    async findUserByEmail(request, context) {
      const { caller, scope } = await scopeOf(context);
      if (!can(caller, 'user:read')) throw new ConnectError('this needs the permission "user:read"', Code.PermissionDenied);
      const row = await userRepository.findByEmail(ctx.db, request.email.trim().toLowerCase(), scope);
      const [user] = row ? await toMessages([row]) : [];
      if (!user) throw new ConnectError('user not found', Code.NotFound);
      return { user };
    },
    async getTeamLeads(request, context) {
      const { scope } = await scopeOf(context);
      const found = await getTeamLeads(ctx, scope, request.userId);
      if (!found) throw new ConnectError('user not found', Code.NotFound);
      return { teamLeads: await toMessages(found.leads), orgUnitId: found.orgUnitId };
    },
    async listUsersWithRole(request, context) {
      const { caller, scope } = await scopeOf(context);
      if (!can(caller, 'user:read')) throw new ConnectError('this needs the permission "user:read"', Code.PermissionDenied);
      if (!request.orgUnitId) throw new ConnectError('org_unit_id is required', Code.InvalidArgument);
      if (!request.roleName) throw new ConnectError('role_name is required', Code.InvalidArgument);
      const found = await listUsersWithRole(ctx, scope, { orgUnitId: request.orgUnitId, roleName: request.roleName });
      if (!found) throw new ConnectError('org unit not found', Code.NotFound);
      return { users: await toMessages(found.users), truncated: found.truncated };
    },
    async resolveScope(request, context) {
      const caller = rpcCaller(context);
      if (request.userId !== caller.userId && caller.scope !== 'all') {
        throw new ConnectError('only your own scope can be resolved', Code.PermissionDenied);
      }
      const scope = await resolveScope(ctx.db, request.userId);
      if (!scope) throw new ConnectError('user not found or disabled', Code.NotFound);
      // The user's permissions as their roles grant them now: a service acting for a stored user (a campaign's
      // scheduled refresh) checks these, not its own, and not what the user's last token said.
      const permissions = unionPermissions(await roleRepository.rolesOfUser(ctx.db, request.userId));
      return { scope: { ...scope, agencyId: scope.agencyId ?? undefined, permissions } };
    },
    async issueServiceToken(request) {
      try {
        const { accessToken, expiresIn } = await issueServiceToken(ctx, {
          service: request.service,
          issuedAt: Number(request.issuedAt),
          proof: request.proof,
        });
        return { accessToken, expiresIn: BigInt(expiresIn) };
      } catch {
        throw new ConnectError('the service could not prove it belongs to this installation', Code.Unauthenticated);
      }
    },
    async getJwks() {
      const keys = await publicKeys(ctx);
      return {
        keys: keys.map((k) => ({ kid: k.kid ?? '', kty: k.kty ?? '', crv: k.crv ?? '', x: k.x ?? '', alg: k.alg ?? '', use: k.use ?? '' })),
      };
    },
  });
}
