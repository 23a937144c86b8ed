import type { Access } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { ticketRepository } from '../db/ticket.repository';
import { whyNotAssignable, writeAssignment } from './assign-ticket';
import { referencedAssignee } from './references';
import { lostRace } from './ticket-write';

export interface BulkAssignRow {
  ticketId: string;
  status: 'assigned' | 'skipped';
  reasons: string[];
}

/**
 * Gives many tickets to one user: each ticket the manager can see and that is open is assigned in its own
 * transaction; the others are skipped with the reason (one the manager cannot see reads as not found).
 */
export async function bulkAssign(
  ctx: TicketsContext,
  access: Access,
  ticketIds: string[],
  assigneeId: string,
): Promise<{ assigned: number; skipped: number; rows: BulkAssignRow[] }> {
  const { caller } = access;
  const assignee = await referencedAssignee(ctx, access, assigneeId, caller.country, '/body/assigneeId');
  const tickets = new Map((await ticketRepository.visibleMany(ctx.db, [...new Set(ticketIds)], access.scope)).map((t) => [t.id, t]));
  const rows: BulkAssignRow[] = [];
  for (const ticketId of ticketIds) {
    const ticket = tickets.get(ticketId);
    const why = ticket ? whyNotAssignable(ticket) : 'No such ticket, or it is outside what you manage.';
    if (!ticket || why) {
      rows.push({ ticketId, status: 'skipped', reasons: [why ?? 'not assignable'] });
      continue;
    }
    if (ticket.country !== caller.country) {
      rows.push({ ticketId, status: 'skipped', reasons: [`The ticket is in ${ticket.country}; the assignee works in ${caller.country}.`] });
      continue;
    }
    try {
      const now = ctx.clock.now();
      await ctx.transact((trx, events) => writeAssignment(ctx, trx, events, ticket, assignee, caller.userId, now));
      rows.push({ ticketId, status: 'assigned', reasons: [] });
    } catch (error) {
      rows.push({ ticketId, status: 'skipped', reasons: [error instanceof Error ? error.message : lostRace().message] });
    }
  }
  const assigned = rows.filter((r) => r.status === 'assigned').length;
  return { assigned, skipped: rows.length - assigned, rows };
}
