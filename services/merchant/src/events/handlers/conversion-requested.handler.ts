import type { ConsumerDefinition } from '@fieldops/platform';
import { areaOfConversion, convertLead } from '../../app/convert-lead';
import type { MerchantDb } from '../../db/schema';

/** The conversion saga's merchant step: a won lead asks, by event, for its merchant (validated by the catalogue). */
export const conversionRequestedConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.lead-conversion',
  handlers: {},
  prepared: {
    // The area is resolved before the transaction: no transaction waits on the area service.
    'leads.lead.conversion-requested.v1': async (event, ctx) => {
      const request = event.data;
      const areaId = await areaOfConversion(ctx, request);
      return async (_event, trx, events) => {
        const outcome = await convertLead(ctx, trx, events, request, areaId, request.requestedBy);
        ctx.log.info({ leadId: request.leadId, outcome: outcome.kind }, 'lead conversion handled');
      };
    },
  },
};
