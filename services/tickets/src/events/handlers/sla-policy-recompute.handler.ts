import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import type { TicketsContext } from '../../config';
import type { TicketsDb } from '../../db/schema';
import { recomputeOpenSla } from '../../jobs/recompute-sla';

const nothing = async () => {};

/**
 * A country's SLA policy changed: its open tickets (of the type, or all of them for `default`) are recomputed from
 * their own histories under the new policy, so the due-time index, the queue's order and the summaries follow. Runs
 * before the inbox records the event (outside its transaction: the recomputation writes page by page and is safe
 * to run again).
 */
export const slaPolicyRecomputeConsumer: ConsumerDefinition<TicketsDb> = {
  name: 'tickets.sla-policy-recompute',
  handlers: {},
  prepared: {
    'tickets.sla-policy.changed.v1': async (
      event,
      ctx: TicketsContext,
    ): Promise<EventHandler<TicketsDb, 'tickets.sla-policy.changed.v1'>> => {
      const { country, ticketType } = event.data;
      await recomputeOpenSla(ctx, undefined, ticketType === 'default' ? { country } : { country, type: ticketType });
      return nothing;
    },
  },
};
