import type { TicketSnapshot } from '@fieldops/contracts';
import { defineMetric, type Reading } from './metric';

/** A ticket's work is done once resolved; closing it afterwards keeps the credit. */
const DONE = ['resolved', 'closed'];

/**
 * What a ticket should be credited as of one snapshot: 1 when it is resolved (or since closed) with its SLA met,
 * 0 otherwise, so a reopen takes the credit back. The tickets service reports `met` once every clock stopped in
 * time, the resolution clock last; a breach of any clock stays `breached`. A ticket nobody is assigned credits no one.
 */
export function ticketReading(
  ticket: Pick<TicketSnapshot, 'id' | 'state' | 'slaStatus' | 'assigneeId' | 'orgUnitId' | 'agencyId' | 'areaId' | 'country' | 'version'>,
  occurredAt: number,
): Reading | undefined {
  if (ticket.assigneeId === null) return undefined;
  return {
    sourceType: 'ticket',
    sourceId: ticket.id,
    version: ticket.version,
    credit: DONE.includes(ticket.state) && ticket.slaStatus === 'met' ? 1 : 0,
    occurredAt,
    attribution: {
      userId: ticket.assigneeId,
      orgUnitId: ticket.orgUnitId,
      agencyId: ticket.agencyId,
      areaId: ticket.areaId,
      country: ticket.country,
    },
  };
}

/**
 * Tickets resolved within SLA, credited to the assignee who resolved them. Every change of a ticket publishes its
 * whole snapshot, so each one states the credit the ticket should have by then; the newest version wins whatever
 * order they arrive in, and a reopen or a rejection in review writes a fact reversing the credit.
 */
export const ticketsResolvedInSla = defineMetric({
  name: 'tickets-resolved-in-sla',
  description: 'Tickets the assignee resolved before their SLA fell due',
  counts: {
    'tickets.ticket.updated.v1': (event) => ticketReading(event.data, Date.parse(event.time)),
  },
});
