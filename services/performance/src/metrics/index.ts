import { campaignEnrollments } from './campaign-enrollments';
import { leadsCaptured } from './leads-captured';
import { leadsConverted } from './leads-converted';
import { merchantGmv, merchantOrders } from './merchant-figures';
import { merchantsActivated } from './merchants-activated';
import { merchantsRetained } from './merchants-retained';
import type { Metric } from './metric';
import { ticketsResolvedInSla } from './tickets-resolved-in-sla';
import { verifiedVisits } from './verified-visits';

/** Every metric the service keeps facts for. */
export const METRICS: Metric[] = [
  verifiedVisits,
  leadsCaptured,
  leadsConverted,
  merchantsActivated,
  merchantsRetained,
  merchantOrders,
  merchantGmv,
  campaignEnrollments,
  ticketsResolvedInSla,
];

export const METRIC_NAMES = METRICS.map((m) => m.name);

export function isMetricName(name: string): boolean {
  return METRIC_NAMES.includes(name);
}
