import { callerOf, type Principal, type ResolvedScope, requirePermission } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import type { FileContext } from '../config';

export type FilePermission = 'file:read' | 'file:write';

export interface Access {
  caller: Principal;
  scope: ResolvedScope;
}

/** The one access check of this service: the permission, then the caller's resolved data scope. */
export async function accessOf(ctx: FileContext, caller: Principal, permission: FilePermission): Promise<Access> {
  requirePermission(caller, permission);
  return { caller, scope: await ctx.scopes.resolve(caller) };
}

export function accessFor(ctx: FileContext, request: FastifyRequest, permission: FilePermission): Promise<Access> {
  return accessOf(ctx, callerOf(request), permission);
}
