import { defineMetric } from './metric';

/**
 * Leads converted into merchants: the merchant the conversion created names its lead and its owner (the rep who
 * converted it), so the credit needs no other read.
 */
export const leadsConverted = defineMetric({
  name: 'leads-converted',
  description: 'Leads converted into merchants',
  counts: {
    'merchant.merchant.created.v1': (event) => {
      const merchant = event.data;
      if (merchant.leadId === null || merchant.ownerId === null) return undefined;
      return {
        sourceType: 'lead',
        sourceId: merchant.leadId,
        // The lead converts once; the merchant's first version is the only one that credits it.
        version: 1,
        credit: 1,
        occurredAt: Date.parse(event.time),
        attribution: {
          userId: merchant.ownerId,
          orgUnitId: merchant.orgUnitId,
          agencyId: merchant.agencyId,
          areaId: merchant.areaId,
          country: merchant.country,
        },
      };
    },
  },
});
