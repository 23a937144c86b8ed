import { areaService } from '@fieldops/area';
import type { EventEnvelope } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { eventually, hostEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { createTicketsService } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performanceTasks } from '../src/index';
import { type DemoUser, demoUsers, exported, performanceDb, startPerformanceHost, user } from './performance-fixtures';
import { figuresFor } from './recount';

/**
 * Tickets resolved within SLA through the real tickets service and its events: resolved in time credits the assignee
 * once, resolved late credits nothing, a reopen writes a fact reversing the credit; the events delivered again, or
 * in reverse order, end where they did; the replay from the tickets export rebuilds lost facts.
 */
const METRIC = 'tickets-resolved-in-sla';
const CONSUMER = 'performance.tickets';
// A Monday in the future, so every instant of the test is ahead of real time and tokens stay valid.
const MONDAY = Date.parse('2027-03-01T10:00:00+08:00');
const MONTH = '2027-03';
const hours = (n: number) => n * 3_600_000;
const days = (n: number) => n * 86_400_000;

describe.each(await hostEngines())('tickets resolved within SLA on $name', (engines) => {
  const clock = new MovableClock();
  let t: TestHost;
  let users: Map<string, DemoUser>;
  let rep: DemoUser;
  const tickets: Record<'inTime' | 'late' | 'reopened', string> = { inTime: '', late: '', reopened: '' };

  /** A repair ticket opened by the rep and assigned to them by their team lead at `at`; answers its id. */
  const openAssigned = async (at: number) => {
    clock.set(at);
    const token = await t.login('rep1.sg@fieldops.test');
    const body = {
      type: 'equipment-repair',
      title: `Terminal at ${new Date(at).toISOString()} does not print`,
      fields: { terminalModel: 'PAX A920', serialNumber: `SN${String(at).slice(-8)}`, symptom: 'printer' },
    };
    const opened = await t.api('POST', '/api/v1/tickets', { token, body });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const assigned = await t.api('POST', `/api/v1/tickets/${opened.body.id}/assign`, { token: lead, body: { assigneeId: rep.id } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    return opened.body.id as string;
  };
  const move = async (id: string, to: string, at: number) => {
    clock.set(at);
    const token = await t.login('rep1.sg@fieldops.test');
    const res = await t.api('POST', `/api/v1/tickets/${id}/transitions`, { token, body: { to } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { slaStatus: string };
  };
  /** A ticket's facts for the metric, oldest first. */
  const factsOf = (id: string) =>
    performanceDb(t)
      .selectFrom('performance_fact')
      .select(['id', 'credit', 'reverses', 'user_id'])
      .where('metric', '=', METRIC)
      .where('source_id', '=', id)
      .orderBy('id')
      .execute();
  const creditOf = async (id: string) => (await factsOf(id)).reduce((sum, f) => sum + Number(f.credit), 0);
  const ticketEvents = async () => {
    const ids = Object.values(tickets);
    return (await exported(t, 'tickets')).filter((e) => e.type === 'tickets.ticket.updated.v1' && ids.includes(e.subject));
  };
  /** The read model loses these tickets' facts and where their sources stood. */
  const forgetTickets = async () => {
    const db = performanceDb(t);
    const ids = Object.values(tickets);
    await db.deleteFrom('performance_fact').where('metric', '=', METRIC).where('source_id', 'in', ids).execute();
    await db.deleteFrom('performance_source').where('metric', '=', METRIC).where('source_id', 'in', ids).execute();
  };

  beforeAll(async () => {
    clock.set(Date.now());
    t = await startPerformanceHost(engines, clock, [areaService, poiService, createTicketsService({ slaCheckMs: hours(1) })]);
    users = await demoUsers(t);
    rep = user(users, 'rep1.sg');
    // Equipment repair, normal priority: resolution due after 1440 working minutes (well within the week).
    tickets.inTime = await openAssigned(MONDAY);
    await move(tickets.inTime, 'in_progress', MONDAY + hours(1));
    expect((await move(tickets.inTime, 'resolved', MONDAY + hours(3))).slaStatus).toBe('met');

    tickets.late = await openAssigned(MONDAY + hours(4));
    await move(tickets.late, 'in_progress', MONDAY + hours(5));
    expect((await move(tickets.late, 'resolved', MONDAY + days(14))).slaStatus).toBe('breached');

    tickets.reopened = await openAssigned(MONDAY + days(15));
    await move(tickets.reopened, 'in_progress', MONDAY + days(15) + hours(1));
    await move(tickets.reopened, 'resolved', MONDAY + days(15) + hours(2));
    await move(tickets.reopened, 'in_progress', MONDAY + days(15) + hours(3));
    await eventually(async () => expect((await factsOf(tickets.reopened)).length).toBe(2), { timeoutMs: 60_000, intervalMs: 250 });
  }, 300_000);
  afterAll(async () => t?.stop());

  it('resolved in time credits the assignee once; resolved late credits nothing', async () => {
    const facts = await factsOf(tickets.inTime);
    expect(facts.map((f) => [Number(f.credit), f.user_id])).toEqual([[1, rep.id]]);
    expect(await factsOf(tickets.late)).toEqual([]);
    const admin = await t.login('admin@fieldops.test');
    expect((await figuresFor(t, admin, `user:${rep.id}`, MONTH))[METRIC]).toBe(1);
    // The facts behind the figure name the ticket where it is read.
    const explained = await t.api('GET', `/api/v1/performance/figures/explain?metric=${METRIC}&period=${MONTH}&subject=user:${rep.id}`, {
      token: admin,
    });
    const behind = explained.body.facts as { sourceType: string; sourceId: string; href: string }[];
    expect(behind.map((f) => f.sourceId)).toContain(tickets.inTime);
    for (const fact of behind) expect(fact).toMatchObject({ sourceType: 'ticket', href: `/api/v1/tickets/${fact.sourceId}` });
  });

  it('a reopen after the resolution writes a fact reversing the credit', async () => {
    const [credit, reversal] = await factsOf(tickets.reopened);
    expect(Number(credit?.credit)).toBe(1);
    expect(Number(reversal?.credit)).toBe(-1);
    expect(reversal?.reverses).toBe(credit?.id);
  });

  it('the events delivered again change nothing; in reverse order they end at the same credits', async () => {
    const performance = t.host.service('performance');
    const events: EventEnvelope[] = await ticketEvents();
    for (const envelope of events) expect(await performance?.replayDeadLetter(envelope, CONSUMER)).not.toBe('applied');
    expect([await creditOf(tickets.inTime), await creditOf(tickets.late), await creditOf(tickets.reopened)]).toEqual([1, 0, 0]);

    await forgetTickets();
    await performanceDb(t)
      .deleteFrom('inbox')
      .where('consumer', '=', CONSUMER)
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    for (const envelope of [...events].reverse()) await performance?.replayDeadLetter(envelope, CONSUMER);
    expect([await creditOf(tickets.inTime), await creditOf(tickets.late), await creditOf(tickets.reopened)]).toEqual([1, 0, 0]);
  }, 60_000);

  it('replay from the tickets export rebuilds the lost facts, and a second replay writes nothing', async () => {
    await forgetTickets();
    const report = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(report.notReplayed).not.toContain(METRIC);
    expect(report.notReplayed).toContain('campaign-enrollments');
    expect(report.metrics.find((m) => m.metric === METRIC)?.corrected).toBe(1);
    expect([await creditOf(tickets.inTime), await creditOf(tickets.late), await creditOf(tickets.reopened)]).toEqual([1, 0, 0]);
    const again = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(again.metrics.find((m) => m.metric === METRIC)?.corrected).toBe(0);
  }, 120_000);
});
