import { defineMetric } from './metric';

/** Merchants activated: the move from `onboarding` to `active`, credited to the merchant's owner at that time. */
export const merchantsActivated = defineMetric({
  name: 'merchants-activated',
  description: 'Merchants moved from onboarding to active',
  counts: {
    'merchant.merchant.status-changed.v1': (event, known) => {
      const change = event.data;
      const owner = known.merchant;
      if (change.from !== 'onboarding' || change.to !== 'active' || !owner?.ownerId) return undefined;
      return {
        sourceType: 'merchant',
        sourceId: change.merchantId,
        version: change.version,
        credit: 1,
        occurredAt: Date.parse(event.time),
        attribution: {
          userId: owner.ownerId,
          orgUnitId: owner.orgUnitId,
          agencyId: owner.agencyId,
          areaId: owner.areaId,
          country: owner.country,
        },
      };
    },
  },
});
