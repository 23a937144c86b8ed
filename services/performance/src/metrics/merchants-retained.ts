import { defineMetric } from './metric';

/** How long an activated merchant must stay before the activation counts as retained for good. */
export const RETENTION_DAYS = 90;

/**
 * Merchants retained: an activation counts at once, and a churn within RETENTION_DAYS of it takes the credit back in
 * the activation's period (a clawback); a churn after that changes nothing.
 */
export const merchantsRetained = defineMetric({
  name: 'merchants-retained',
  description: `Merchants activated and not churned within ${RETENTION_DAYS} days`,
  counts: {
    'merchant.merchant.status-changed.v1': (event, known) => {
      const change = event.data;
      const owner = known.merchant;
      const at = Date.parse(event.time);
      const activation = change.from === 'onboarding' && change.to === 'active';
      const clawback = change.to === 'churned' && known.activatedAt !== undefined && at - known.activatedAt < RETENTION_DAYS * 86_400_000;
      if ((!activation && !clawback) || !owner?.ownerId) return undefined;
      return {
        sourceType: 'merchant',
        sourceId: change.merchantId,
        version: change.version,
        credit: activation ? 1 : 0,
        occurredAt: at,
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
