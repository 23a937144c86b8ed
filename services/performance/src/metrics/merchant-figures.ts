import { defineMetric } from './metric';

/**
 * Merchant business figures the O2O platform sends in (`POST /api/v1/performance/merchant-figures`), credited to the
 * merchant's owner on the merchant's local day: a resent day writes the difference, never an edit. No event counts
 * towards them.
 */
export const merchantOrders = defineMetric({
  name: 'merchant-orders',
  description: 'Orders at the merchants a rep owns',
  counts: {},
});

/** Gross merchandise value, in the country currency's minor units. */
export const merchantGmv = defineMetric({
  name: 'merchant-gmv',
  description: 'Gross merchandise value at the merchants a rep owns, in minor units of the country currency',
  counts: {},
});
