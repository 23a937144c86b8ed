import type { EventEnvelope } from '../events/envelope';

/**
 * The data field whose value is an event's outcome label. Only fields whose schema is an enum belong here, so the
 * label set stays bounded (never a user or record id).
 */
const OUTCOME_FIELDS: Readonly<Record<string, (data: Record<string, unknown>) => unknown>> = {
  'checkin.visit.checked-in.v1': (d) => d.verification,
  'checkin.visit.checked-out.v1': (d) => d.verification,
  'checkin.visit.reviewed.v1': (d) => d.decision,
  'merchant.merchant.status-changed.v1': (d) => d.to,
};

/** Labels of `fieldops_business_events_total` for one published event: its type without version, country, outcome. */
export function businessLabels(event: EventEnvelope): { event: string; country: string; outcome: string } {
  const outcome = OUTCOME_FIELDS[event.type]?.((event.data ?? {}) as Record<string, unknown>);
  return {
    event: event.type.replace(/\.v\d+$/, ''),
    country: event.country ?? '',
    outcome: typeof outcome === 'string' ? outcome : '',
  };
}
