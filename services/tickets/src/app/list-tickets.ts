import { type Access, decodeCursor, type Page, toPage } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { ticketRepository } from '../db/ticket.repository';
import type { TicketState } from '../domain/ticket-state';
import { type TicketView, toTicketView } from './ticket-view';

export interface ListTicketsInput {
  state?: TicketState | 'open';
  queue?: string;
  assigneeId?: string;
  merchantId?: string;
  /** created: newest first; breach: the soonest SLA breach first (the queue's "breaches first"). */
  sort?: 'created' | 'breach';
  limit: number;
  cursor?: string;
}

/** The tickets the caller can see, filtered, a page at a time. */
export async function listTickets(ctx: TicketsContext, access: Access, input: ListTicketsInput): Promise<Page<TicketView>> {
  const sort = input.sort ?? 'created';
  let after: { breachAt: number; id: string } | { id: string } | undefined;
  if (sort === 'breach') {
    const key = decodeCursor(input.cursor, ['number', 'string']);
    after = key ? { breachAt: key[0] as number, id: key[1] as string } : undefined;
  } else {
    const key = decodeCursor(input.cursor, ['string']);
    after = key ? { id: key[0] as string } : undefined;
  }
  const rows = await ticketRepository.list(ctx.db, access.scope, { ...input, sort, after, limit: input.limit });
  return toPage(rows, input.limit, (row) => (sort === 'breach' ? [row.sla_breach_sort, row.id] : [row.id]), toTicketView);
}
