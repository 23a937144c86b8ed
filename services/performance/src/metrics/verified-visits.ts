import type { VisitSnapshot } from '@fieldops/contracts';
import { type Uncounted, uncounted } from '../domain/uncounted';
import { defineMetric, type Reading } from './metric';

type CountedVisit = Pick<
  VisitSnapshot,
  'id' | 'repId' | 'orgUnitId' | 'agencyId' | 'areaId' | 'country' | 'checkedInAt' | 'verification' | 'version'
> & { riskSignals?: VisitSnapshot['riskSignals'] };

/** Why a visit does not count now: the signals that sent it to review, or the reviewer's reason for rejecting it. */
function uncountedVisit(visit: CountedVisit, reviewReason: string | undefined): Uncounted | undefined {
  if (visit.verification === 'pending-review')
    return uncounted('awaiting-review', (visit.riskSignals ?? []).map((s) => s.detail).join(' '));
  if (visit.verification === 'rejected') return uncounted('rejected', reviewReason ?? '');
  return undefined;
}

/** A visit counts once its risk check passed (`verified`) or a reviewer approved it; a rejection takes it back. */
export function visitReading(visit: CountedVisit, reviewReason?: string): Reading {
  const counts = visit.verification === 'verified' || visit.verification === 'approved';
  const why = uncountedVisit(visit, reviewReason);
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
    ...(why ? { uncounted: why } : {}),
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
    'checkin.visit.reviewed.v1': (event) => visitReading(event.data.visit, event.data.reason),
  },
});
