import type { VisitSnapshot } from '@fieldops/contracts';
import { defineMetric, type Reading } from './metric';

/** A visit counts once its risk check passed (`verified`) or a reviewer approved it; a rejection takes it back. */
export function visitReading(
  visit: Pick<VisitSnapshot, 'id' | 'repId' | 'orgUnitId' | 'agencyId' | 'areaId' | 'country' | 'checkedInAt' | 'verification' | 'version'>,
): Reading {
  const counts = visit.verification === 'verified' || visit.verification === 'approved';
  return {
    sourceType: 'visit',
    sourceId: visit.id,
    version: visit.version,
    credit: counts ? 1 : 0,
    occurredAt: Date.parse(visit.checkedInAt),
    attribution: {
      userId: visit.repId,
      orgUnitId: visit.orgUnitId,
      agencyId: visit.agencyId,
      areaId: visit.areaId,
      country: visit.country,
    },
  };
}

/**
 * Verified visits: every visit event carries the whole visit, so each one states the credit the visit should have
 * by then; the newest version wins whatever order they arrive in.
 */
export const verifiedVisits = defineMetric({
  name: 'verified-visits',
  description: 'Visits whose risk check passed or that a reviewer approved',
  counts: {
    'checkin.visit.checked-out.v1': (event) => visitReading(event.data),
    'checkin.visit.flagged.v1': (event) => visitReading(event.data),
    'checkin.visit.reviewed.v1': (event) => visitReading(event.data.visit),
  },
});
