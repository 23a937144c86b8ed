import type { ConsumerDefinition } from '@fieldops/platform';
import { convertLead } from '../../app/convert-lead';
import type { MerchantDb } from '../../db/schema';

/** The conversion saga's merchant step: a won lead asks, by event, for its merchant (validated by the catalogue). */
export const conversionRequestedConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.lead-conversion',
  handlers: {
    'leads.lead.conversion-requested.v1': async (event, trx, events, ctx) => {
      const request = event.data;
      const outcome = await convertLead(ctx, trx, events, request, request.requestedBy);
      ctx.log.info({ leadId: request.leadId, outcome: outcome.kind }, 'lead conversion handled');
    },
  },
};
