import { randomUUID } from 'node:crypto';
import { notificationService } from '@fieldops/notification';
import type { EventEnvelope } from '@fieldops/platform';
import { databaseEngines, eventually, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aMerchant,
  aVisit,
  type DemoUser,
  demoUsers,
  expectProblem,
  exported,
  startPerformanceHost,
  user,
  withOnboardingDocuments,
} from './performance-fixtures';

/**
 * A rep's incentive statement across a period close: the closed month's statement is frozen; a visit rejected and a
 * merchant churned after the close are settled as adjustments in the next open month, with their reasons; once that
 * month closes too, nothing is settled twice. The clock runs ahead of real time (tokens stay valid) so the months to
 * close lie in the past for the services.
 */
const SG_OFFSET_MS = 8 * 3_600_000;
const minutes = (n: number) => n * 60_000;

/** The month after the real one, and the two after it: every instant of them is ahead of real time. */
function months() {
  const now = new Date();
  const at = (add: number, day: number) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + add, day, 10) - SG_OFFSET_MS;
  const key = (ms: number) => new Date(ms + SG_OFFSET_MS).toISOString().slice(0, 7);
  return { first: at(1, 10), second: at(2, 5), third: at(3, 3), key };
}

const PLAN = {
  country: 'SG',
  role: 'rep',
  name: 'Field reps 2026',
  components: [
    // S$5 a verified visit, S$8 each above the target.
    { metric: 'verified-visits', rateMinor: 500, accelerators: [{ abovePercent: 100, rateMinor: 800 }] },
    { metric: 'merchants-retained', rateMinor: 5000, capMinor: 50_000 },
  ],
};

describe.each(await databaseEngines())('incentive statements across a period close on $name', (database) => {
  const clock = new MovableClock();
  const { first, second, third, key } = months();
  const [m1, m2, m3] = [key(first), key(second), key(third)];
  let t: TestHost;
  let users: Map<string, DemoUser>;
  let rep1: DemoUser;
  let tokens: Record<string, string>;
  let merchantId: string;
  let counted: { id: string; version: number };
  let frozen: Record<string, unknown>;

  const login = async () => {
    for (const name of ['admin', 'rep1.sg', 'teamlead1.sg', 'countrymanager.sg', 'countrymanager.id'])
      tokens[name] = await t.login(`${name}@fieldops.test`);
  };
  const statementOf = async (who: string, month: string, userId = rep1.id) => {
    const res = await t.api('GET', `/api/v1/performance/statements?userId=${userId}&period=${month}`, { token: tokens[who] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items[0];
  };

  beforeAll(async () => {
    clock.set(first);
    t = await startPerformanceHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' }, clock, [notificationService]);
    users = await demoUsers(t);
    rep1 = user(users, 'rep1.sg');
    tokens = {};
    await login();
    const plan = await t.api('PUT', '/api/v1/performance/plans', { token: tokens['countrymanager.sg'], body: PLAN });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const target = await t.api('PUT', '/api/v1/performance/targets', {
      token: tokens['teamlead1.sg'],
      body: { metric: 'verified-visits', period: m1, subject: `user:${rep1.id}`, value: 2 },
    });
    expect(target.status, JSON.stringify(target.body)).toBe(200);

    // The first month: a merchant activated, three honest visits and a flagged one approved (four count), one flagged
    // visit still waiting for review when the month closes.
    const merchant = await aMerchant(t, tokens['rep1.sg'] as string);
    merchantId = merchant.id;
    await withOnboardingDocuments(t, merchant.id);
    const activated = await t.api('POST', `/api/v1/merchants/${merchant.id}/transitions`, {
      token: tokens['rep1.sg'],
      body: { to: 'active', reason: 'Documents checked' },
    });
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    const start = clock.now() - minutes(300);
    for (let i = 0; i < 3; i++) {
      const visit = await aVisit(t, tokens['rep1.sg'] as string, merchant.id, merchant.point, start + i * minutes(40), false);
      expect(visit.verification).toBe('verified');
      counted = visit;
    }
    for (const decision of ['approve', 'wait'] as const) {
      const flagged = await aVisit(
        t,
        tokens['rep1.sg'] as string,
        merchant.id,
        merchant.point,
        start + minutes(150 + (decision === 'wait' ? 40 : 0)),
        true,
      );
      expect(flagged.verification).toBe('pending-review');
      if (decision === 'wait') continue;
      const review = await t.api('POST', `/api/v1/visits/${flagged.id}/review`, {
        token: tokens['teamlead1.sg'],
        body: { decision, reason: 'Checked the photos' },
      });
      expect(review.status, JSON.stringify(review.body)).toBe(200);
    }
    await eventually(async () => {
      const draft = await statementOf('rep1.sg', m1);
      expect(draft.lines.map((l: { units: number }) => l.units)).toEqual([4, 1]);
    });
  }, 300_000);
  afterAll(async () => t?.stop());

  it('an open month’s statement pays the plan: each band at its rate, against the target', async () => {
    const draft = await statementOf('rep1.sg', m1);
    expect(draft).toMatchObject({ status: 'open', id: null, currency: 'SGD', periodId: `SG-${m1}`, adjustments: [] });
    expect(draft.lines).toEqual([
      { metric: 'verified-visits', units: 4, target: 2, attainmentPercent: 200, amountMinor: 2 * 500 + 2 * 800 },
      { metric: 'merchants-retained', units: 1, target: null, attainmentPercent: null, amountMinor: 5000 },
    ]);
    expect(draft.earnedMinor).toBe(7600);
    expect(draft.totalMinor).toBe(7600);
    // Passing the target was announced once, though two more visits counted after it.
    const reached = (await exported(t, 'performance')).filter((e) => e.type === 'performance.target.reached.v1');
    expect(reached.map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: rep1.id, metric: 'verified-visits', period: m1, value: 2, target: 2 }),
    ]);
  });

  it('a month closes only when it is over, once, by whoever manages its country', async () => {
    expectProblem(
      await t.api('POST', `/api/v1/performance/periods/SG-${m1}/close`, { token: tokens['countrymanager.sg'] }),
      422,
      '/params/id',
    );
    clock.set(second);
    await login();
    expect((await t.api('POST', `/api/v1/performance/periods/SG-${m1}/close`, { token: tokens['countrymanager.id'] })).status).toBe(404);
    expect((await t.api('POST', `/api/v1/performance/periods/SG-${m1}/close`, { token: tokens['teamlead1.sg'] })).status).toBe(403);
    const closed = await t.api('POST', `/api/v1/performance/periods/SG-${m1}/close`, { token: tokens['countrymanager.sg'] });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ id: `SG-${m1}`, status: 'closed' });
    expect(closed.body.statements).toBeGreaterThanOrEqual(1);
    expect((await t.api('POST', `/api/v1/performance/periods/SG-${m1}/close`, { token: tokens['countrymanager.sg'] })).status).toBe(409);

    frozen = await statementOf('rep1.sg', m1);
    expect(frozen).toMatchObject({ status: 'closed', earnedMinor: 7600, totalMinor: 7600, id: expect.any(String) });
    const periods = await t.api('GET', '/api/v1/performance/periods', { token: tokens['rep1.sg'] });
    expect(periods.body.items.find((p: { month: string }) => p.month === m1)).toMatchObject({ status: 'closed' });
    // Each frozen statement is announced (the notification service tells the rep).
    const announced = (await exported(t, 'performance')).filter((e) => e.type === 'performance.statement.closed.v1');
    expect(announced.map((e) => e.data)).toContainEqual(expect.objectContaining({ userId: rep1.id, month: m1, totalMinor: 7600 }));
    await eventually(async () => {
      const inbox = await t.api('GET', '/api/v1/notifications', { token: tokens['rep1.sg'] });
      const titles = (inbox.body.items as { title: string; body: string }[]).map((n) => `${n.title} — ${n.body}`);
      expect(titles).toContainEqual(expect.stringContaining(`Your ${m1} statement is ready`));
      expect(titles).toContainEqual(expect.stringContaining('You passed 100%: verified visits'));
    });
  });

  it('a late rejection and a churn leave the closed statement as it was and are settled in the next open month', async () => {
    clock.advance(minutes(5));
    // A counted visit rejected after the close (as the checkin service announces a reversed verdict) ...
    const visitEvents = (await exported(t, 'checkin')).filter((e) => e.subject === counted.id);
    const last = visitEvents.at(-1) as EventEnvelope<Record<string, unknown>>;
    const visit = (last.type === 'checkin.visit.reviewed.v1' ? last.data.visit : last.data) as Record<string, unknown>;
    const rejection = {
      ...last,
      id: randomUUID(),
      type: 'checkin.visit.reviewed.v1',
      time: new Date(clock.now()).toISOString(),
      data: {
        visit: { ...visit, verification: 'rejected', version: Number(visit.version) + 1 },
        decision: 'reject',
        reason: 'Photos reused from another visit',
        reviewerId: user(users, 'teamlead1.sg').id,
      },
    };
    expect(await t.host.service('performance')?.replayDeadLetter(rejection as EventEnvelope, 'performance.visits')).toBe('applied');
    // ... and the merchant activated in the closed month churned within the retention window.
    for (const to of ['suspended', 'churned']) {
      const moved = await t.api('POST', `/api/v1/merchants/${merchantId}/transitions`, {
        token: tokens['teamlead1.sg'],
        body: { to, reason: 'Closed the shop' },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }

    const next = await eventually(async () => {
      const draft = await statementOf('rep1.sg', m2);
      expect(draft.adjustments).toHaveLength(1);
      expect(draft.adjustments[0].changes).toHaveLength(2);
      return draft;
    });
    expect(await statementOf('rep1.sg', m1)).toEqual(frozen);
    const [adjustment] = next.adjustments;
    expect(adjustment).toMatchObject({
      month: m1,
      // Four visits paid 2×5 + 2×8; three now pay 2×5 + 1×8: S$8 back. The retained merchant's S$50 is clawed back.
      amountMinor: -800 - 5000,
      changes: [
        { metric: 'verified-visits', from: 4, to: 3 },
        { metric: 'merchants-retained', from: 1, to: 0 },
      ],
    });
    const reasons = adjustment.facts.map((f: { metric: string; sourceId: string; credit: number }) => [f.metric, f.sourceId, f.credit]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['verified-visits', counted.id, -1],
        ['merchants-retained', merchantId, -1],
      ]),
    );
    expect(next).toMatchObject({ status: 'open', earnedMinor: 0, adjustmentsMinor: -5800, totalMinor: -5800 });
  });

  it('once the next month closes, the adjustment is frozen there and never settled again', async () => {
    clock.set(third);
    await login();
    const closed = await t.api('POST', `/api/v1/performance/periods/SG-${m2}/close`, { token: tokens.admin });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const settled = await statementOf('countrymanager.sg', m2);
    expect(settled).toMatchObject({ status: 'closed', adjustmentsMinor: -5800, totalMinor: -5800 });
    expect(await statementOf('rep1.sg', m1)).toEqual(frozen);
    expect((await statementOf('rep1.sg', m3)).adjustments).toEqual([]);
  });

  it('a statement is read only within one’s scope', async () => {
    expect((await t.api('GET', `/api/v1/performance/statements?period=${m1}`, { token: tokens['rep1.sg'] })).body.items[0].userId).toBe(
      rep1.id,
    );
    const rep2 = user(users, 'rep2.sg');
    for (const [who, status] of [
      ['rep1.sg', 404],
      ['countrymanager.id', 404],
      ['teamlead1.sg', 200],
    ] as const) {
      const res = await t.api('GET', `/api/v1/performance/statements?userId=${rep2.id}&period=${m1}`, { token: tokens[who] });
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(status);
    }
    expectProblem(await t.api('GET', `/api/v1/performance/statements?period=2026-13`, { token: tokens['rep1.sg'] }), 400, '/query/period');
    expectProblem(
      await t.api('PUT', '/api/v1/performance/plans', { token: tokens['countrymanager.sg'], body: { ...PLAN, country: 'ID' } }),
      422,
      '/body/country',
    );
  });
});
