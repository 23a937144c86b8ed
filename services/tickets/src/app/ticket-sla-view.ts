import type { Access } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { historyRepository } from '../db/history.repository';
import { slaPoliciesOf, slaReportOf } from './ticket-sla';
import { visibleTicket } from './visible-ticket';

/** Each SLA clock of a ticket now, with the intervals counted, paused and excluded as non-working time. */
export async function ticketSla(ctx: TicketsContext, access: Access, id: string) {
  const ticket = await visibleTicket(ctx, access, id);
  const history = await historyRepository.of(ctx.db, ticket.id);
  const report = slaReportOf(ctx, ticket, history, ctx.clock.now(), await slaPoliciesOf(ctx.db, ticket));
  return {
    ticketId: ticket.id,
    country: ticket.country,
    timezone: ctx.countries.get(ticket.country).timezone,
    computedAt: report.computedAt,
    clocks: report.clocks.map((clock) => ({ ...clock, milestones: [...clock.milestones], intervals: [...clock.intervals] })),
  };
}
