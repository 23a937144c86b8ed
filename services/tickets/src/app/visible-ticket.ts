import { type Access, NotFoundError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { type TicketRow, ticketRepository } from '../db/ticket.repository';

/** A ticket the caller may see; one outside their scope answers 404, not disclosing that it exists. */
export async function visibleTicket(ctx: TicketsContext, access: Access, id: string): Promise<TicketRow> {
  const row = await ticketRepository.visible(ctx.db, id, access.scope);
  if (!row) throw new NotFoundError('Ticket');
  return row;
}
