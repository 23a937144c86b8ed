import { callerOf, NotFoundError, type Principal, type ResolvedScope, requirePermission } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import type { LeadsContext } from '../config';
import { type LeadRow, leadRepository } from '../db/lead.repository';

export type LeadPermission = 'lead:read' | 'lead:write' | 'lead:claim' | 'lead:assign';

export interface Access {
  caller: Principal;
  scope: ResolvedScope;
}

/** The one access check of this service: the permission, then the caller's resolved data scope. */
export async function accessFor(ctx: LeadsContext, request: FastifyRequest, permission: LeadPermission): Promise<Access> {
  const caller = callerOf(request);
  requirePermission(caller, permission);
  return { caller, scope: await ctx.scopes.resolve(caller) };
}

/** A lead the caller may see; one outside their scope answers 404, not disclosing that it exists. */
export async function visibleLead(ctx: LeadsContext, access: Access, id: string): Promise<LeadRow> {
  const row = await leadRepository.visible(ctx.db, id, access.scope);
  if (!row) throw new NotFoundError('Lead');
  return row;
}
