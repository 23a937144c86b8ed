import { defineMetric } from './metric';

const DAY_MS = 86_400_000;

/** Whether a churn at `churnedAt` comes within the retention days of the activation at `activatedAt`. */
export function churnedWithinRetention(activatedAt: number, churnedAt: number, retentionDays: number): boolean {
  return churnedAt >= activatedAt && churnedAt - activatedAt < retentionDays * DAY_MS;
}

/**
 * Merchants retained: an activation counts at once, and a churn within the country's retention days
 * (`merchantRetentionDays` of its policy) takes the credit back in the activation's period (a clawback); a churn after
 * that changes nothing.
 */
export const merchantsRetained = defineMetric({
  name: 'merchants-retained',
  description: 'Merchants activated and not churned within their country’s retention days',
  counts: {
    'merchant.merchant.status-changed.v1': (event, known) => {
      const change = event.data;
      const owner = known.merchant;
      const at = Date.parse(event.time);
      const activation = change.from === 'onboarding' && change.to === 'active';
      const clawback =
        change.to === 'churned' &&
        known.activatedAt !== undefined &&
        known.retentionDays !== undefined &&
        churnedWithinRetention(known.activatedAt, at, known.retentionDays);
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
