import type { TestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { type DemoUser, dbOf, exported, localDate } from './performance-fixtures';

/**
 * An independent recount of every rep's figures from the sources' own records and exports (the checkin service's
 * visits, the leads and merchant services' outboxes), with rules written again here rather than imported from the
 * service's metrics: what a figure must equal.
 */
const SG = 'Asia/Singapore';
export const METRICS = [
  'verified-visits',
  'leads-captured',
  'leads-converted',
  'merchants-activated',
  'merchants-retained',
  'merchant-orders',
  'merchant-gmv',
  'campaign-enrollments',
  'tickets-resolved-in-sla',
] as const;
/**
 * The metrics events credit in the generated month (the merchant figures come by API: merchant-figures.int.test.ts;
 * the month has no campaigns or tickets, which tickets-in-sla.int.test.ts covers on its own).
 */
export const EVENT_METRICS = METRICS.slice(0, 5);
const RETENTION_MS = 90 * 86_400_000;
export type Counts = Map<string, Record<string, number>>;

function add(counts: Counts, userId: string, metric: string, by = 1) {
  const row = counts.get(userId) ?? Object.fromEntries(METRICS.map((m) => [m, 0]));
  row[metric] = (row[metric] ?? 0) + by;
  counts.set(userId, row);
}

/** Each rep's figures for `month`, recounted from the checkin service's visits and the leads and merchant exports. */
export async function recount(t: TestHost, month: string): Promise<Counts> {
  const counts: Counts = new Map();
  const inMonth = (at: number | string) => localDate(at, SG).startsWith(month);
  const visits = await dbOf(t, 'checkin').selectFrom('visit').select(['rep_id', 'checked_in_at', 'verification']).execute();
  for (const v of visits) {
    if ((v.verification === 'verified' || v.verification === 'approved') && inMonth(Number(v.checked_in_at)))
      add(counts, v.rep_id, 'verified-visits');
  }
  for (const e of await exported(t, 'leads')) {
    const lead = e.data as { ownerId: string | null; duplicateOf: string | null };
    if (e.type === 'leads.lead.created.v1' && lead.ownerId && !lead.duplicateOf && inMonth(e.time))
      add(counts, lead.ownerId, 'leads-captured');
  }
  const owners = new Map<string, string | null>();
  const activations = new Map<string, { at: number; owner: string }>();
  for (const e of await exported(t, 'merchant')) {
    const data = e.data as { id: string; merchantId: string; ownerId: string | null; leadId: string | null; from: string; to: string };
    if (e.type === 'merchant.merchant.created.v1' || e.type === 'merchant.merchant.updated.v1') owners.set(data.id, data.ownerId);
    if (e.type === 'merchant.merchant.owner-transferred.v1') owners.set(data.merchantId, data.ownerId);
    if (e.type === 'merchant.merchant.created.v1' && data.leadId && data.ownerId && inMonth(e.time))
      add(counts, data.ownerId, 'leads-converted');
    const owner = owners.get(data.merchantId);
    if (
      e.type === 'merchant.merchant.status-changed.v1' &&
      data.from === 'onboarding' &&
      data.to === 'active' &&
      owner &&
      inMonth(e.time)
    ) {
      add(counts, owner, 'merchants-activated');
      add(counts, owner, 'merchants-retained');
      activations.set(data.merchantId, { at: Date.parse(e.time), owner });
    }
    const activation = activations.get(data.merchantId);
    const churnedSoon = activation && data.to === 'churned' && Date.parse(e.time) - activation.at < RETENTION_MS;
    if (e.type === 'merchant.merchant.status-changed.v1' && activation && churnedSoon) {
      add(counts, activation.owner, 'merchants-retained', -1);
      activations.delete(data.merchantId);
    }
  }
  return counts;
}

/** A subject's figures for a period, by metric. */
export async function figuresFor(t: TestHost, token: string, subject: string, period: string): Promise<Record<string, number>> {
  const res = await t.api('GET', `/api/v1/performance/figures?period=${period}&subject=${subject}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries((res.body.items as { metric: string; value: number }[]).map((f) => [f.metric, f.value]));
}

/** Every SG rep's and team's figures equal the recount (the teams of the reps, summed over their reps). */
export async function expectFiguresMatchRecount(t: TestHost, users: Map<string, DemoUser>, admin: string, month: string) {
  const counts = await recount(t, month);
  const zero = Object.fromEntries(METRICS.map((m) => [m, 0]));
  const teams = new Map<string, Record<string, number>>();
  const reps = [...users.values()].filter((u) => u.country === 'SG' && /^(agency)?rep\d+\.sg@/.test(u.email));
  for (const rep of reps) {
    const expected = counts.get(rep.id) ?? zero;
    expect(await figuresFor(t, admin, `user:${rep.id}`, month), rep.email).toEqual(expected);
    const team = teams.get(rep.orgUnitId) ?? { ...zero };
    for (const m of METRICS) team[m] = (team[m] ?? 0) + (expected[m] ?? 0);
    teams.set(rep.orgUnitId, team);
  }
  for (const [orgUnitId, expected] of teams)
    expect(await figuresFor(t, admin, `org-unit:${orgUnitId}`, month), orgUnitId).toEqual(expected);
}
