import { Code, ConnectError } from '@connectrpc/connect';
import { areaServiceReachable } from '@fieldops/area-client';
import { AccountService, AreaService } from '@fieldops/contracts';
import type { TicketsContext } from '../config';
import { ticketRepository } from '../db/ticket.repository';
import type { AssignmentRule } from '../domain/ticket-types';
import type { Assignee } from './references';

/** The reps covering a point (nearest area first; primaries before backups), asked as this service. */
async function coveringReps(ctx: TicketsContext, point: { lat: number; lng: number }): Promise<string[]> {
  if (!areaServiceReachable(ctx)) return [];
  const { primary, backups } = await ctx.rpc.client(AreaService).coveringReps({ point }, await ctx.asService());
  return [...new Set([...primary, ...backups].map((coverer) => coverer.userId))];
}

/** The first of `ids` that is an active user of `country`, as an assignee (read as this service). */
async function firstActive(ctx: TicketsContext, ids: string[], country: string): Promise<Assignee | null> {
  if (ids.length === 0) return null;
  const { users } = await ctx.rpc.client(AccountService).batchGetUsers({ ids }, await ctx.asService());
  for (const id of ids) {
    const user = users.find((u) => u.id === id);
    if (user && user.status === 'active' && user.country === country) {
      return { id: user.id, orgUnitId: user.orgUnitId, agencyId: user.agencyId ?? null };
    }
  }
  return null;
}

/** Candidates with the fewest open tickets first (ties keep the area service's order). */
async function byLoad(ctx: TicketsContext, ids: string[]): Promise<string[]> {
  const load = await ticketRepository.openLoad(ctx.db, ids);
  return [...ids].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0));
}

/**
 * Who a new ticket goes to under its type's rule: the rep covering the merchant's point, or the least-loaded of the
 * reps covering it; null (the ticket waits in its queue) for a queue rule, without a point, or when nobody covers it.
 * Read outside any transaction.
 */
export async function assigneeByRule(
  ctx: TicketsContext,
  rule: AssignmentRule,
  point: { lat: number; lng: number } | null,
  country: string,
): Promise<Assignee | null> {
  if (rule === 'queue' || point === null) return null;
  try {
    const reps = await coveringReps(ctx, point);
    return await firstActive(ctx, rule === 'least-loaded' ? await byLoad(ctx, reps) : reps, country);
  } catch (error) {
    // Without the area or account service the ticket still opens, in its queue, for a manager to assign.
    if (error instanceof ConnectError && error.code !== Code.Internal) {
      ctx.log.warn({ err: error }, 'assignment by rule skipped');
      return null;
    }
    throw error;
  }
}
