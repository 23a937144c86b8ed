import { callerOf, type Principal, type ResolvedScope, requirePermission } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import type { MerchantContext } from '../config';

export type MerchantPermission = 'merchant:read' | 'merchant:write' | 'merchant:transfer';

export interface Access {
  caller: Principal;
  /** What the caller's data scope covers: owner, team, area, country, agency (see the repository's scope columns). */
  scope: ResolvedScope;
}

/** The one access check of this service: the permission, then the caller's resolved data scope. */
export async function accessOf(ctx: MerchantContext, caller: Principal, permission: MerchantPermission): Promise<Access> {
  requirePermission(caller, permission);
  return { caller, scope: await ctx.scopes.resolve(caller) };
}

export function accessFor(ctx: MerchantContext, request: FastifyRequest, permission: MerchantPermission): Promise<Access> {
  return accessOf(ctx, callerOf(request), permission);
}
