import type { EventEnvelope } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performanceTasks } from '../src/index';
import {
  aLead,
  aMerchant,
  aVisit,
  type DemoUser,
  demoSeedCounted,
  demoUsers,
  exported,
  performanceDb,
  startPerformanceHost,
  user,
  withOnboardingDocuments,
} from './performance-fixtures';
import { EVENT_METRICS, expectFiguresMatchRecount, figuresFor } from './recount';

/**
 * A generated month of Singapore field work through the real services and events, day by day on a clock that runs
 * ahead of real time: honest visits, flagged ones approved, rejected or left waiting, leads captured and converted,
 * merchants activated and one churned within the retention window. Every figure equals an independent recount from
 * the sources; explain sums to every figure; the events delivered again in another order (each subject's own order
 * kept, as the bus keeps it) rebuild the same figures, and delivered once more change nothing; replay from the
 * exports reproduces them.
 */
const SG_OFFSET_MS = 8 * 3_600_000;
const minutes = (n: number) => n * 60_000;
const REPS = ['rep1.sg', 'rep2.sg', 'rep3.sg', 'rep6.sg'];
// Three days spread over the month: enough for every kind of credit and reversal, small enough for CI.
const DAYS = [3, 16, 27];
const CONSUMERS = ['performance.visits', 'performance.leads', 'performance.merchants'];
/** The consumer that takes each source's events. */
const consumerOf = (e: EventEnvelope) =>
  e.type.startsWith('checkin.') ? 'performance.visits' : e.type.startsWith('leads.') ? 'performance.leads' : 'performance.merchants';

/** A small deterministic generator, so a failing month can be run again as it was. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The events in a new order across subjects, each subject's own events still in the order they were published. */
function interleaved(envelopes: EventEnvelope[], next: () => number): EventEnvelope[] {
  const bySubject = new Map<string, EventEnvelope[]>();
  for (const e of envelopes) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e]);
  const queues = [...bySubject.values()];
  const order: EventEnvelope[] = [];
  while (queues.length > 0) {
    const i = Math.floor(next() * queues.length);
    const queue = queues[i] as EventEnvelope[];
    order.push(queue.shift() as EventEnvelope);
    if (queue.length === 0) queues.splice(i, 1);
  }
  return order;
}

describe.each(await hostEngines())('a generated month on $name', (engines) => {
  const clock = new MovableClock();
  const now = new Date();
  /** The month after the real one: every instant of it is ahead of real time, so tokens stay valid. */
  const dayAt = (day: number, hour: number) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, day, hour) - SG_OFFSET_MS;
  const month = new Date(dayAt(1, 12) + SG_OFFSET_MS).toISOString().slice(0, 7);
  let t: TestHost;
  let users: Map<string, DemoUser>;
  let admin: string;
  const expectFiguresEqualRecount = () => expectFiguresMatchRecount(t, users, admin, month);

  const performance = () => {
    const service = t.host.service('performance');
    if (!service) throw new Error('no performance service');
    return service;
  };
  /** Every SG rep's figures for the month. */
  const allFigures = async (): Promise<Record<string, Record<string, number>>> => {
    const reps = [...users.values()].filter((u) => u.country === 'SG');
    const figures: Record<string, Record<string, number>> = {};
    for (const rep of reps) figures[rep.id] = await figuresFor(t, admin, `user:${rep.id}`, month);
    return figures;
  };
  /** The sources' events of the generated month (the demo data was seeded the month before). */
  const monthEvents = async () =>
    [...(await exported(t, 'merchant')), ...(await exported(t, 'leads')), ...(await exported(t, 'checkin'))].filter(
      (e) => Date.parse(e.time) >= dayAt(1, 0),
    );
  /** The read model loses the month: its facts, and where their sources stood. */
  const forgetMonth = async () => {
    const db = performanceDb(t);
    const sources = await db.selectFrom('performance_fact').select(['metric', 'source_id']).where('month', '=', month).execute();
    for (const s of sources) {
      await db.deleteFrom('performance_source').where('metric', '=', s.metric).where('source_id', '=', s.source_id).execute();
    }
    await db.deleteFrom('performance_fact').where('month', '=', month).execute();
  };

  beforeAll(async () => {
    const next = random(20261204);
    // The demo data is seeded now; the generated month is the next one.
    clock.set(Date.now());
    t = await startPerformanceHost(engines, clock);
    // The demo data belongs to the month before: its records must all be written before the clock moves ahead.
    await demoSeedCounted(t);
    users = await demoUsers(t);
    const merchants = new Map<string, { id: string; point: { lat: number; lng: number } }>();
    for (const [d, day] of DAYS.entries()) {
      clock.set(dayAt(day, 9));
      const lead1 = await t.login('teamlead1.sg@fieldops.test');
      const lead2 = await t.login('teamlead2.sg@fieldops.test');
      for (const name of REPS) {
        const token = await t.login(`${name}@fieldops.test`);
        const reviewer = name === 'rep6.sg' ? lead2 : lead1;
        if (!merchants.has(name)) {
          const merchant = await aMerchant(t, token);
          await withOnboardingDocuments(t, merchant.id);
          const activated = await t.api('POST', `/api/v1/merchants/${merchant.id}/transitions`, {
            token,
            body: { to: 'active', reason: 'Documents checked' },
          });
          expect(activated.status, JSON.stringify(activated.body)).toBe(200);
          merchants.set(name, merchant);
        }
        const merchant = merchants.get(name) as { id: string; point: { lat: number; lng: number } };
        const visits = 1 + Math.floor(next() * 2);
        for (let i = 0; i < visits; i++) {
          const flagged = next() < 0.35;
          const visit = await aVisit(t, token, merchant.id, merchant.point, clock.now() - minutes(60 * (i + 1)), flagged);
          if (visit.verification !== 'pending-review') continue;
          const verdict = next();
          // Some flagged visits are still waiting for review at the month's end.
          if (verdict > 0.8) continue;
          const decision = verdict < 0.5 ? 'approve' : 'reject';
          const review = await t.api('POST', `/api/v1/visits/${visit.id}/review`, {
            token: reviewer,
            body: { decision, reason: 'Checked the photos' },
          });
          expect(review.status, JSON.stringify(review.body)).toBe(200);
        }
        if (next() < 0.6) {
          const lead = await t.api('POST', '/api/v1/leads', { token, body: aLead() });
          expect(lead.status, JSON.stringify(lead.body)).toBe(201);
          if (next() < 0.4) {
            expect((await t.api('POST', `/api/v1/leads/${lead.body.id}/stage`, { token, body: { to: 'won' } })).status).toBe(200);
            const converted = await t.api('POST', `/api/v1/leads/${lead.body.id}/convert`, {
              token,
              body: { legalName: `Kiwi Sundries ${name} ${day}`, businessId: '201912345K' },
            });
            expect(converted.status, JSON.stringify(converted.body)).toBe(200);
          }
        }
        // rep2's merchant closes on the month's last working day: the retention credit is clawed back.
        if (name === 'rep2.sg' && d === DAYS.length - 1) {
          for (const to of ['suspended', 'churned']) {
            const moved = await t.api('POST', `/api/v1/merchants/${merchant.id}/transitions`, {
              token: lead1,
              body: { to, reason: 'Closed the shop' },
            });
            expect(moved.status, JSON.stringify(moved.body)).toBe(200);
          }
        }
      }
    }
    admin = await t.login('admin@fieldops.test');
    await eventually(expectFiguresEqualRecount, { timeoutMs: 120_000, intervalMs: 500 });
  }, 900_000);
  afterAll(async () => t?.stop());

  it('every rep’s and team’s figure equals the recount, and the month has some of everything', async () => {
    await expectFiguresEqualRecount();
    const totals = Object.values(await allFigures()).reduce<Record<string, number>>((sum, figures) => {
      for (const [metric, value] of Object.entries(figures)) sum[metric] = (sum[metric] ?? 0) + value;
      return sum;
    }, {});
    for (const metric of EVENT_METRICS) expect(totals[metric], metric).toBeGreaterThan(0);
    expect(totals['merchants-retained']).toBeLessThan(totals['merchants-activated'] ?? 0);
  });

  it('explain lists facts that sum to every rep’s figure', async () => {
    for (const name of REPS) {
      const rep = user(users, name);
      const figures = await figuresFor(t, admin, `user:${rep.id}`, month);
      for (const metric of EVENT_METRICS) {
        let sum = 0;
        let cursor: string | null = null;
        do {
          const query = `metric=${metric}&period=${month}&subject=user:${rep.id}&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await t.api('GET', `/api/v1/performance/figures/explain?${query}`, { token: admin });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          for (const fact of res.body.facts) sum += fact.credit;
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(sum, `${name} ${metric}`).toBe(figures[metric]);
      }
    }
  });

  it('the events delivered again in another order rebuild the same figures; once more, they change nothing', async () => {
    const before = await allFigures();
    await forgetMonth();
    const events = interleaved(await monthEvents(), random(7));
    await performanceDb(t)
      .deleteFrom('inbox')
      .where('consumer', 'in', CONSUMERS)
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    for (const envelope of events) await performance().replayDeadLetter(envelope, consumerOf(envelope));
    expect(await allFigures()).toEqual(before);
    await expectFiguresEqualRecount();

    for (const envelope of interleaved(events, random(11))) {
      expect(await performance().replayDeadLetter(envelope, consumerOf(envelope))).not.toBe('applied');
    }
    expect(await allFigures()).toEqual(before);
  }, 300_000);

  it('replay from the sources’ exports reproduces every figure, and a second replay writes nothing', async () => {
    const before = await allFigures();
    await forgetMonth();
    const report = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(report.metrics.map((m) => m.metric).sort()).toEqual([...EVENT_METRICS].sort());
    for (const m of report.metrics) expect(m.corrected, m.metric).toBeGreaterThan(0);
    // The report says what the replay read and corrected per metric, should a figure come out different.
    expect(await allFigures(), JSON.stringify(report.metrics)).toEqual(before);
    await expectFiguresEqualRecount();
    const again = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(again.metrics.map((m) => m.corrected)).toEqual(again.metrics.map(() => 0));
  }, 300_000);
});
