import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@fieldops/platform';
import { eventually, hostEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performanceTasks } from '../src/index';
import {
  aLead,
  aMerchant,
  aVisit,
  type DemoUser,
  demoUsers,
  exported,
  localDate,
  performanceDb,
  startPerformanceHost,
  user,
  withOnboardingDocuments,
} from './performance-fixtures';
import { EVENT_METRICS, expectFiguresMatchRecount, figuresFor } from './recount';

/**
 * A stretch of Singapore activity through the real services (visits honest, flagged then approved or rejected;
 * leads captured and converted; merchants activated) on top of the demo data: every figure equals a recount from
 * the sources' own records and exports, explain sums to the figure, and redelivered or reordered events change
 * nothing.
 */
const SG = 'Asia/Singapore';
const minutes = (n: number) => n * 60_000;

describe.each(await hostEngines())('figures from verified events on $name', (engines) => {
  let t: TestHost;
  let users: Map<string, DemoUser>;
  let admin: string;
  const month = localDate(Date.now(), SG).slice(0, 7);
  const REPS = ['rep1.sg', 'rep2.sg', 'rep3.sg', 'rep6.sg'];
  /** The rejected and the approved visit of rep1: their events are replayed below. */
  const reviewed: { rejected?: string; approved?: string } = {};

  const figuresOf = (token: string, subject: string, period = month) => figuresFor(t, token, subject, period);
  const expectFiguresEqualRecount = () => expectFiguresMatchRecount(t, users, admin, month);

  beforeAll(async () => {
    t = await startPerformanceHost(engines);
    users = await demoUsers(t);
    admin = await t.login('admin@fieldops.test');
    const lead1 = await t.login('teamlead1.sg@fieldops.test');
    const lead2 = await t.login('teamlead2.sg@fieldops.test');
    for (const [r, name] of REPS.entries()) {
      const token = await t.login(`${name}@fieldops.test`);
      const reviewer = name === 'rep6.sg' ? lead2 : lead1;
      const merchant = await aMerchant(t, token);
      await withOnboardingDocuments(t, merchant.id);
      const activated = await t.api('POST', `/api/v1/merchants/${merchant.id}/transitions`, {
        token,
        body: { to: 'active', reason: 'Documents checked' },
      });
      expect(activated.status, JSON.stringify(activated.body)).toBe(200);
      if (name === 'rep2.sg') {
        // Churned in its first days: the activation stays, the retention is clawed back.
        for (const to of ['suspended', 'churned']) {
          const moved = await t.api('POST', `/api/v1/merchants/${merchant.id}/transitions`, {
            token: lead1,
            body: { to, reason: 'Closed the shop' },
          });
          expect(moved.status, JSON.stringify(moved.body)).toBe(200);
        }
      }
      const start = Date.now() - minutes(600);
      for (let i = 0; i < 3 + r; i++) {
        const visit = await aVisit(t, token, merchant.id, merchant.point, start + i * minutes(40), false);
        expect(visit.verification).toBe('verified');
      }
      for (const decision of ['approve', 'reject'] as const) {
        const visit = await aVisit(
          t,
          token,
          merchant.id,
          merchant.point,
          start + minutes(300) + (decision === 'reject' ? minutes(40) : 0),
          true,
        );
        expect(visit.verification).toBe('pending-review');
        const review = await t.api('POST', `/api/v1/visits/${visit.id}/review`, {
          token: reviewer,
          body: { decision, reason: 'Checked the photos' },
        });
        expect(review.status, JSON.stringify(review.body)).toBe(200);
        if (name === 'rep1.sg') reviewed[decision === 'approve' ? 'approved' : 'rejected'] = visit.id;
      }
      for (let i = 0; i <= r; i++) {
        const lead = await t.api('POST', '/api/v1/leads', { token, body: aLead() });
        expect(lead.status, JSON.stringify(lead.body)).toBe(201);
        if (i > 0) continue;
        expect((await t.api('POST', `/api/v1/leads/${lead.body.id}/stage`, { token, body: { to: 'won' } })).status).toBe(200);
        const converted = await t.api('POST', `/api/v1/leads/${lead.body.id}/convert`, {
          token,
          body: { legalName: `Kiwi Sundries ${name}`, businessId: '201912345K' },
        });
        expect(converted.status, JSON.stringify(converted.body)).toBe(200);
      }
    }
  }, 600_000);
  afterAll(async () => t?.stop());

  it('every rep’s and team’s figure equals a recount from the sources', async () => {
    await eventually(expectFiguresEqualRecount, { timeoutMs: 120_000, intervalMs: 500 });
    const rep1 = user(users, 'rep1.sg');
    const own = await figuresOf(admin, `user:${rep1.id}`);
    // rep1: three honest visits and the approved one; the rejected one does not count.
    expect(own['verified-visits']).toBeGreaterThanOrEqual(4);
    expect(own['merchants-activated']).toBeGreaterThanOrEqual(1);
    expect(own['leads-converted']).toBeGreaterThanOrEqual(1);
    const rep2 = user(users, 'rep2.sg');
    const churned = await figuresOf(admin, `user:${rep2.id}`);
    expect(churned['merchants-retained']).toBe((churned['merchants-activated'] ?? 0) - 1);
  }, 180_000);

  it('explain lists the facts behind each figure, page by page, and they sum to it', async () => {
    const rep1 = user(users, 'rep1.sg');
    for (const metric of EVENT_METRICS) {
      const figure = (await figuresOf(admin, `user:${rep1.id}`))[metric];
      let sum = 0;
      let pages = 0;
      let cursor: string | null = null;
      do {
        const query = `metric=${metric}&period=${month}&subject=user:${rep1.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.api('GET', `/api/v1/performance/figures/explain?${query}`, { token: admin });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.value).toBe(figure);
        for (const fact of res.body.facts) sum += fact.credit;
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(sum, metric).toBe(figure);
      if ((figure ?? 0) > 2) expect(pages).toBeGreaterThan(1);
    }
    const visits = await t.api(
      'GET',
      `/api/v1/performance/figures/explain?metric=verified-visits&period=${month}&subject=user:${rep1.id}`,
      {
        token: admin,
      },
    );
    const sources = visits.body.facts.map((f: { sourceId: string }) => f.sourceId);
    expect(sources).toContain(reviewed.approved);
    expect(sources).not.toContain(reviewed.rejected);
    expect(visits.body.facts[0]).toMatchObject({ sourceType: 'visit', href: expect.stringMatching(/^\/api\/v1\/visits\//) });
  }, 180_000);

  it('events delivered again, through the bus or the consumer, change nothing', async () => {
    const performance = t.host.service('performance');
    const envelopes = [...(await exported(t, 'checkin')), ...(await exported(t, 'leads')), ...(await exported(t, 'merchant'))];
    for (const envelope of envelopes) {
      for (const consumer of ['performance.visits', 'performance.leads', 'performance.merchants']) {
        expect(await performance?.replayDeadLetter(envelope, consumer)).not.toBe('applied');
      }
    }
    await t.host.runtime.bus.publish(envelopes);
    // One new lead after the redelivered batch: once its fact is in, the batch has been through the consumers.
    const rep4 = user(users, 'rep4.sg');
    const before = (await figuresOf(admin, `user:${rep4.id}`))['leads-captured'] ?? 0;
    const token = await t.login('rep4.sg@fieldops.test');
    expect((await t.api('POST', '/api/v1/leads', { token, body: aLead() })).status).toBe(201);
    await eventually(async () => expect((await figuresOf(admin, `user:${rep4.id}`))['leads-captured']).toBe(before + 1));
    await expectFiguresEqualRecount();
  }, 180_000);

  it('replay from the checkin export rebuilds lost visit facts and reproduces every figure', async () => {
    const rep1 = user(users, 'rep1.sg');
    const expected = (await figuresOf(admin, `user:${rep1.id}`))['verified-visits'];
    // The read model lost its visit facts (a restore from an old backup, say).
    await performanceDb(t).deleteFrom('performance_fact').where('metric', '=', 'verified-visits').execute();
    await performanceDb(t).deleteFrom('performance_source').where('metric', '=', 'verified-visits').execute();
    expect((await figuresOf(admin, `user:${rep1.id}`))['verified-visits']).toBe(0);

    const report = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(report.metrics[0]).toMatchObject({ metric: 'verified-visits', corrected: expect.any(Number) });
    expect(report.metrics[0]?.corrected).toBeGreaterThan(0);
    expect((await figuresOf(admin, `user:${rep1.id}`))['verified-visits']).toBe(expected);
    await expectFiguresEqualRecount();
    // In step now: a second replay writes nothing.
    expect((await t.host.runTask(performanceTasks.replayPerformance, undefined)).metrics[0]?.corrected).toBe(0);
  }, 180_000);

  /** rep1's visit's events as exported, copied onto a visit id never seen, with fresh event ids. */
  async function copiesOf(visitId: string, changes: Record<string, unknown> = {}) {
    const fresh = randomUUID();
    const events = (await exported(t, 'checkin')).filter((e) => e.subject === visitId && e.type !== 'checkin.visit.checked-in.v1');
    return events.map((e) => {
      const move = (visit: Record<string, unknown>) => ({ ...visit, id: fresh, ...changes });
      const data =
        e.type === 'checkin.visit.reviewed.v1' ? { ...e.data, visit: move(e.data.visit as Record<string, unknown>) } : move(e.data);
      return { envelope: { ...e, id: randomUUID(), subject: fresh, data } as EventEnvelope<Record<string, unknown>>, visitId: fresh };
    });
  }

  const factsOf = (sourceId: string) =>
    performanceDb(t).selectFrom('performance_fact').selectAll().where('source_id', '=', sourceId).orderBy('id').execute();

  it('a rejection that arrives before the check-out still ends at no credit; an approval before it, at one', async () => {
    const performance = t.host.service('performance');
    for (const [visitId, credit] of [
      [reviewed.rejected, 0],
      [reviewed.approved, 1],
    ] as const) {
      const copies = await copiesOf(visitId as string);
      expect(copies.map((c) => c.envelope.type)).toEqual([
        'checkin.visit.checked-out.v1',
        'checkin.visit.flagged.v1',
        'checkin.visit.reviewed.v1',
      ]);
      for (const { envelope } of [...copies].reverse())
        expect(await performance?.replayDeadLetter(envelope, 'performance.visits')).toBe('applied');
      const facts = await factsOf(copies[0]?.visitId as string);
      expect(facts.reduce((sum, f) => sum + Number(f.credit), 0)).toBe(credit);
      expect(facts).toHaveLength(credit);
    }
  });

  it('a visit whose event names no team is credited to the rep’s team, read from the account service first', async () => {
    const performance = t.host.service('performance');
    const rep1 = user(users, 'rep1.sg');
    const copies = await copiesOf(reviewed.approved as string, { orgUnitId: null });
    const approval = copies.find((c) => c.envelope.type === 'checkin.visit.reviewed.v1');
    if (!approval) throw new Error('no review event');
    expect(await performance?.replayDeadLetter(approval.envelope, 'performance.visits')).toBe('applied');
    expect((await factsOf(approval.visitId)).map((f) => [f.user_id, f.org_unit_id, Number(f.credit)])).toEqual([
      [rep1.id, rep1.orgUnitId, 1],
    ]);
  });

  it('a later rejection writes a reversing fact in the period the visit was credited in, even a past one', async () => {
    const performance = t.host.service('performance');
    const rep1 = user(users, 'rep1.sg');
    const lastMonthAt = Date.now() - 40 * 86_400_000;
    const lastMonth = localDate(lastMonthAt, SG).slice(0, 7);
    const before = (await figuresOf(admin, `user:${rep1.id}`, lastMonth))['verified-visits'] ?? 0;
    const copies = await copiesOf(reviewed.approved as string, { checkedInAt: new Date(lastMonthAt).toISOString() });
    const approval = copies.find((c) => c.envelope.type === 'checkin.visit.reviewed.v1');
    if (!approval) throw new Error('no review event');
    expect(await performance?.replayDeadLetter(approval.envelope, 'performance.visits')).toBe('applied');
    expect((await figuresOf(admin, `user:${rep1.id}`, lastMonth))['verified-visits']).toBe(before + 1);

    const data = approval.envelope.data as { visit: { version: number } };
    const rejection = {
      ...approval.envelope,
      id: randomUUID(),
      data: { ...data, decision: 'reject', visit: { ...data.visit, verification: 'rejected', version: data.visit.version + 1 } },
    };
    expect(await performance?.replayDeadLetter(rejection, 'performance.visits')).toBe('applied');
    const facts = await factsOf(approval.visitId);
    expect(facts.map((f) => [Number(f.credit), f.month])).toEqual([
      [1, lastMonth],
      [-1, lastMonth],
    ]);
    expect(facts[1]?.reverses).toBe(facts[0]?.id);
    expect((await figuresOf(admin, `user:${rep1.id}`, lastMonth))['verified-visits']).toBe(before);
    const explained = await t.api(
      'GET',
      `/api/v1/performance/figures/explain?metric=verified-visits&period=${lastMonth}&subject=user:${rep1.id}&limit=200`,
      {
        token: admin,
      },
    );
    expect(explained.body.facts.reduce((sum: number, f: { credit: number }) => sum + f.credit, 0)).toBe(before);
  });
});
