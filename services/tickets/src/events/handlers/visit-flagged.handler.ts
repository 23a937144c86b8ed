import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { verdictOf } from '../../app/on-site-evidence';
import { planTransition, writeTransition } from '../../app/transition-ticket';
import type { TicketsContext } from '../../config';
import type { TicketsDb } from '../../db/schema';
import { ticketRepository } from '../../db/ticket.repository';
import { SERVICE_ACTOR } from '../published';

const nothing = async () => {};

/**
 * A visit the checkin service flags at its check-out may be the one a ticket was already resolved with (its
 * check-in looked clean then): the ticket goes back to review, so a reviewer decides on the evidence as if it had
 * been flagged from the start. Tickets are read before the transaction; one changed meanwhile fails its version
 * check and the event is handled again.
 */
export const visitFlaggedConsumer: ConsumerDefinition<TicketsDb> = {
  name: 'tickets.visit-flagged',
  handlers: {},
  prepared: {
    'checkin.visit.flagged.v1': async (event, ctx: TicketsContext): Promise<EventHandler<TicketsDb, 'checkin.visit.flagged.v1'>> => {
      const visit = event.data;
      const tickets = await ticketRepository.resolvedOnSiteWith(ctx.db, visit.id);
      if (tickets.length === 0) return nothing;
      const verdict = verdictOf(visit, ctx.countries.get(visit.country).visitReviewThreshold);
      return async (_event, trx, events) => {
        for (const ticket of tickets) {
          const plan = planTransition(
            ctx,
            SERVICE_ACTOR,
            ticket,
            { to: 'review', reason: 'The visit it was resolved with was flagged at check-out.' },
            { command: 'visit-flagged', kind: 'visit-flagged', detail: { visitId: visit.id, visit: verdict } },
          );
          await writeTransition(ctx, trx, events, plan, ticket.version);
        }
      };
    },
  },
};
