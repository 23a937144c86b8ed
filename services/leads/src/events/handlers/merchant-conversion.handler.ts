import type { ConsumerDefinition } from '@fieldops/platform';
import { holdingRepository } from '../../db/holding.repository';
import { leadRepository } from '../../db/lead.repository';
import type { LeadsDb } from '../../db/schema';
import { leadEvents } from '../published';

/**
 * The leads side of the conversion saga: the merchant's created event (with the lead id) marks the lead converted,
 * a rejection reverts it with the reasons. Both are idempotent: a lead already in the outcome is left alone.
 */
export const merchantConversionConsumer: ConsumerDefinition<LeadsDb> = {
  name: 'leads.conversion',
  handlers: {
    'merchant.merchant.created.v1': async (event, trx, events, ctx) => {
      const merchant = event.data;
      if (merchant.leadId === null) return;
      const lead = await leadRepository.byId(trx, merchant.leadId);
      if (!lead || lead.conversion_status === 'converted') return;
      const now = ctx.clock.now();
      const changes = { stage: 'converted' as const, conversion_status: 'converted' as const, merchant_id: merchant.id, updated_at: now };
      if (!(await leadRepository.update(trx, lead.id, lead.version, changes))) throw new Error('the lead changed; retrying');
      // A converted lead belongs to a merchant now: it no longer counts against the rep's limit.
      if (lead.owner_id !== null) await holdingRepository.free(trx, lead.owner_id);
      await events.append(leadEvents.converted({ ...lead, ...changes, version: lead.version + 1 }, merchant.id));
    },
    'merchant.conversion.rejected.v1': async (event, trx, events, ctx) => {
      const rejected = event.data;
      const lead = await leadRepository.byId(trx, rejected.leadId);
      if (lead?.conversion_status !== 'requested') return;
      const changes = {
        conversion_status: 'rejected' as const,
        conversion_reason: rejected.reasons.join('; '),
        updated_at: ctx.clock.now(),
      };
      if (!(await leadRepository.update(trx, lead.id, lead.version, changes))) throw new Error('the lead changed; retrying');
      await events.append(leadEvents.conversionReverted({ ...lead, ...changes, version: lead.version + 1 }, rejected.reasons));
    },
  },
};
