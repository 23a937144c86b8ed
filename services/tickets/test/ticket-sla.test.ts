import { getDefaultCountryRegistry } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { slaColumnsOf, slaHistoryOf } from '../src/app/ticket-sla';
import type { HistoryRow } from '../src/db/history.repository';
import { computeSla, DEFAULT_SLA_POLICIES, slaPoliciesFor } from '../src/domain/sla';

let seq = 0;
function entry(kind: string, at: string, extra: Partial<HistoryRow> = {}, detail: Record<string, unknown> = {}): HistoryRow {
  seq++;
  return {
    id: `h${seq}`,
    ticket_id: 't1',
    seq,
    kind,
    from_state: null,
    to_state: null,
    actor: 'u1',
    reason: null,
    detail: JSON.stringify(detail),
    at: Date.parse(at),
    ...extra,
  };
}

describe('a ticket’s history as the SLA engine reads it', () => {
  it('maps opening, state changes, comments by author and priority changes; assignments without a state change count for nothing', () => {
    const history = [
      entry('opened', '2026-03-02T01:00:00Z', { to_state: 'new' }, { priority: 'normal' }),
      entry('assigned', '2026-03-02T01:05:00Z', { from_state: 'new', to_state: 'assigned' }, { assigneeId: 'u2' }),
      entry('assigned', '2026-03-02T01:06:00Z', { from_state: 'assigned', to_state: 'assigned' }, { assigneeId: 'u3' }),
      entry('commented', '2026-03-02T01:10:00Z', {}, { visibility: 'internal', author: 'staff' }),
      entry('commented', '2026-03-02T01:20:00Z', {}, { visibility: 'public', author: 'customer' }),
      entry('priority-changed', '2026-03-02T01:30:00Z', {}, { from: 'normal', to: 'urgent' }),
      entry('reopened', '2026-03-02T02:00:00Z', { from_state: 'resolved', to_state: 'in_progress' }),
    ];
    expect(slaHistoryOf(history)).toEqual([
      { type: 'opened', at: '2026-03-02T01:00:00.000Z', priority: 'normal' },
      { type: 'state-changed', at: '2026-03-02T01:05:00.000Z', from: 'new', to: 'assigned' },
      { type: 'commented', at: '2026-03-02T01:10:00.000Z', author: 'staff', visibility: 'internal' },
      { type: 'commented', at: '2026-03-02T01:20:00.000Z', author: 'customer', visibility: 'public' },
      { type: 'priority-changed', at: '2026-03-02T01:30:00.000Z', from: 'normal', to: 'urgent' },
      { type: 'state-changed', at: '2026-03-02T02:00:00.000Z', from: 'resolved', to: 'in_progress' },
    ]);
  });
});

describe('the SLA columns a ticket row keeps', () => {
  // An urgent CN repair opened Mon 2026-03-02 09:00 local: first response 30, warn 15 before (09:15), breach 09:30.
  const history = [entry('opened', '2026-03-02T01:00:00Z', { to_state: 'new' }, { priority: 'urgent' })];
  const reportAt = (iso: string) =>
    computeSla(
      slaHistoryOf(history),
      slaPoliciesFor(DEFAULT_SLA_POLICIES, 'CN', 'equipment-repair'),
      getDefaultCountryRegistry().get('CN'),
      new Date(iso),
    );

  it('a write after the breach but before the job ran keeps the breach due, so the job still fires it', () => {
    const now = Date.parse('2026-03-02T01:40:00Z');
    const columns = slaColumnsOf(reportAt('2026-03-02T01:40:00Z'), now, new Set());
    // The breach at 09:30 (the engine drops a warning whose breach is due too), not the next milestone ahead.
    expect(new Date(columns.sla_next_due_at ?? 0).toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(columns.sla_status).toBe('breached');
  });

  it('once the job fired what was due, the next due time is the next milestone ahead', () => {
    const now = Date.parse('2026-03-02T01:40:00Z');
    const report = reportAt('2026-03-02T01:40:00Z');
    const fired = new Set(['firstResponse:warn:0', 'firstResponse:breach:0']);
    const columns = slaColumnsOf(report, now, fired);
    expect(columns.sla_next_due_at).toBeGreaterThan(now);
    // What "breaches first" sorts by: the breach instant, already past.
    expect(new Date(columns.sla_breach_at ?? 0).toISOString()).toBe('2026-03-02T01:30:00.000Z');
  });
});
