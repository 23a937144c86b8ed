import { callerOf, type Principal, type ResolvedScope, requirePermission, UnauthorizedError } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import type { AccountContext } from '../config';
import { resolveCallerScope } from './resolve-scope';

export interface Access {
  caller: Principal;
  scope: ResolvedScope;
}

/**
 * The one access check of this service: the caller must hold `permission`, and what they may see is their data
 * scope resolved now (not from a cache: this service owns the org tree, so it never answers from stale scope).
 */
export async function accessFor(ctx: AccountContext, request: FastifyRequest, permission: string): Promise<Access> {
  const caller = callerOf(request);
  requirePermission(caller, permission);
  const scope = await resolveCallerScope(ctx.db, caller);
  if (!scope) throw new UnauthorizedError('Your account is disabled or no longer exists.');
  return { caller, scope };
}
