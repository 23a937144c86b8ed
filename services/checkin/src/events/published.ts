import type { CheckinEventData, CheckinEventType, DayPlanSnapshot } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import { visitSnapshot } from '../app/visit-view';
import type { VisitRow } from '../db/visit.repository';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
function event<T extends CheckinEventType>(type: T, subject: string, data: CheckinEventData<T>, country: string, actor: string) {
  const built: NewEvent<CheckinEventData<T>> = { type, subject, data, country, actor };
  return built;
}

export const checkinEvents = {
  checkedIn: (row: VisitRow) => event('checkin.visit.checked-in.v1', row.id, visitSnapshot(row), row.country, row.rep_id),
  checkedOut: (row: VisitRow) => event('checkin.visit.checked-out.v1', row.id, visitSnapshot(row), row.country, row.rep_id),
  flagged: (row: VisitRow) => event('checkin.visit.flagged.v1', row.id, visitSnapshot(row), row.country, row.rep_id),
  reviewed: (row: VisitRow, reviewerId: string, decision: 'approve' | 'reject', reason: string) =>
    event('checkin.visit.reviewed.v1', row.id, { visit: visitSnapshot(row), reviewerId, decision, reason }, row.country, reviewerId),
  planUpdated: (plan: DayPlanSnapshot, actor: string) => event('checkin.plan.updated.v1', plan.id, plan, plan.country, actor),
};
