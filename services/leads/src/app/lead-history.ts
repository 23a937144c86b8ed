import type { Access, EventEnvelope } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { historyRepository } from '../db/history.repository';
import { shownPhone } from './lead-view';
import { visibleLead } from './visible-lead';

export interface HistoryEntry {
  id: string;
  type: string;
  actor: string | null;
  time: string;
  data: unknown;
}

/** `value` with every string equal to `secret` replaced by `shown`. */
function replaced(value: unknown, secret: string, shown: string | null): unknown {
  if (value === secret) return shown;
  if (Array.isArray(value)) return value.map((v) => replaced(v, secret, shown));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced(v, secret, shown)]));
  }
  return value;
}

/**
 * Everything that happened to a lead, oldest first, read from the service's outbox (the event log): claims,
 * stages, follow-ups and the warnings that its protection is about to end, which nobody else consumes yet.
 * A phone the caller may not see yet (public pool) stays masked in the events too.
 */
export async function leadHistory(ctx: LeadsContext, access: Access, id: string): Promise<HistoryEntry[]> {
  const lead = await visibleLead(ctx, access, id);
  const shown = shownPhone(lead);
  const rows = await historyRepository.eventsOf(ctx.db, lead.id);
  return rows.map((row) => {
    const envelope = JSON.parse(row.envelope) as EventEnvelope;
    const data = lead.phone && shown !== lead.phone ? replaced(envelope.data, lead.phone, shown) : envelope.data;
    return { id: envelope.id, type: row.type, actor: envelope.actor ?? null, time: envelope.time, data };
  });
}
