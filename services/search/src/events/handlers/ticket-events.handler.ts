import { refreshOpenTicketFlags, ticketDocuments } from '../../app/ticket-documents';
import { type IndexingHandler, type SearchConsumer, tracked } from '../tracked';

/** Every change of a ticket ends with its whole snapshot (`updated`): the document is replaced when newer. */
const snapshot: IndexingHandler<'tickets.ticket.opened.v1' | 'tickets.ticket.updated.v1'> = async (event, trx, ctx, { holder }) => {
  const { docs, merchants } = await ticketDocuments(ctx, trx, [{ ticket: event.data, at: Date.parse(event.time) }]);
  await holder.put(docs);
  await refreshOpenTicketFlags(ctx, trx, merchants);
};

/**
 * The SLA job moves a ticket's SLA summary without a new version (no snapshot follows): a warning makes it at risk
 * unless it already breached, a breach makes it breached. The next snapshot brings the tickets service's own word.
 */
const slaWarned: IndexingHandler<'tickets.ticket.sla-warned.v1'> = async (event, _trx, _ctx, { holder }) => {
  const stored = await holder.current.get('ticket', event.data.ticketId);
  if (stored && stored.slaStatus !== 'breached') await holder.patch('ticket', stored.id, { slaStatus: 'at-risk' }, null);
};

const slaBreached: IndexingHandler<'tickets.ticket.sla-breached.v1'> = async (event, _trx, _ctx, { holder }) => {
  await holder.patch('ticket', event.data.ticketId, { slaStatus: 'breached' }, null);
};

export const ticketEventsConsumer: SearchConsumer = {
  name: 'search.tickets',
  handlers: {
    'tickets.ticket.opened.v1': tracked('tickets', snapshot),
    'tickets.ticket.updated.v1': tracked('tickets', snapshot),
    'tickets.ticket.sla-warned.v1': tracked('tickets', slaWarned),
    'tickets.ticket.sla-breached.v1': tracked('tickets', slaBreached),
  },
};
