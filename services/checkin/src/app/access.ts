import { callerOf, type Principal, type ResolvedScope, requirePermission } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import type { CheckinContext } from '../config';

export type VisitPermission = 'visit:read' | 'visit:write' | 'visit:review';

export interface Access {
  caller: Principal;
  /** What the caller's data scope covers: own visits, team, area, country, agency. */
  scope: ResolvedScope;
}

/** The one access check of this service: the permission, then the caller's resolved data scope. */
export async function accessOf(ctx: CheckinContext, caller: Principal, permission: VisitPermission): Promise<Access> {
  requirePermission(caller, permission);
  return { caller, scope: await ctx.scopes.resolve(caller) };
}

export function accessFor(ctx: CheckinContext, request: FastifyRequest, permission: VisitPermission): Promise<Access> {
  return accessOf(ctx, callerOf(request), permission);
}
