import type { FastifyRequest } from 'fastify';
import { type Access, accessOf, type ScopeSource } from '../auth/access';
import type { ResolvedScope } from '../auth/principal';
import { callerOf } from '../host/service-http';

/** The access of a route's verified caller: 403 without `permission`, else their resolved data scope. */
export function accessFor<Scope = ResolvedScope>(
  request: FastifyRequest,
  permission: string,
  scopes: ScopeSource<Scope>,
): Promise<Access<Scope>> {
  return accessOf(callerOf(request), permission, scopes);
}
