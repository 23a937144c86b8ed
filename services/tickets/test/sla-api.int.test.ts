import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTicketsHost } from './tickets-fixtures';

// The service answers GET /sla from each ticket's stored history on its country's calendar. The engine's own tests
// cover the arithmetic; these walk the same stories through REST with a moved clock and expect the figures worked
// out by hand there (the comments repeat the sums).

type Clock = { clock: string; [key: string]: unknown };
const rowsOf = (clock: { intervals: { from: string; to: string; kind: string }[] }) => clock.intervals.map((i) => [i.from, i.to, i.kind]);

describe.each(await databaseEngines())('SLA clocks through GET /api/v1/tickets/{id}/sla on $name', (database) => {
  let t: TestHost;
  const clock = new MovableClock(Date.now());
  const at = (iso: string) => clock.set(Date.parse(iso));
  beforeAll(async () => {
    t = await startTicketsHost(database, clock);
  }, 120_000);
  afterAll(async () => t?.stop());

  const open = async (token: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/tickets', { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const comment = async (token: string, id: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', `/api/v1/tickets/${id}/comments`, { token, body: { body: 'Noted', ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const sla = async (token: string, id: string) => {
    const res = await t.api('GET', `/api/v1/tickets/${id}/sla`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { timezone: string; clocks: Clock[] };
  };
  const clockNamed = (report: { clocks: Clock[] }, name: string) => {
    const found = report.clocks.find((c) => c.clock === name);
    if (!found) throw new Error(`no ${name} clock`);
    return found as Clock & { intervals: { from: string; to: string; kind: string }[] };
  };

  it('CN: opened Friday 17:30 before the Spring Festival week, answered on the make-up Sunday', async () => {
    const rep = await t.login('rep1.cn@fieldops.test');
    // equipment-install, low: first response 480, resolution 7200, warn 120 before.
    at('2027-01-29T17:30:00+08:00');
    const id = await open(rep, {
      type: 'equipment-install',
      priority: 'low',
      title: 'Install two terminals',
      fields: { terminalModel: 'Sunmi P2', quantity: 2 },
    });
    at('2027-01-31T10:00:00+08:00');
    await comment(rep, id, { visibility: 'public' });
    at('2027-02-19T12:00:00+08:00');
    const report = await sla(rep, id);
    expect(report.timezone).toBe('Asia/Shanghai');
    // Fri 17:30-18:00 = 30, Sat off, Sun (make-up) 09:00-10:00 = 60: 90 of 480.
    const firstResponse = clockNamed(report, 'firstResponse');
    expect(firstResponse).toMatchObject({
      status: 'met',
      elapsedMinutes: 90,
      remainingMinutes: 390,
      stoppedAt: '2027-01-31T02:00:00.000Z',
    });
    expect(rowsOf(firstResponse)).toEqual([
      ['2027-01-29T09:30:00.000Z', '2027-01-29T10:00:00.000Z', 'counted'],
      ['2027-01-29T10:00:00.000Z', '2027-01-31T01:00:00.000Z', 'non-working'],
      ['2027-01-31T01:00:00.000Z', '2027-01-31T02:00:00.000Z', 'counted'],
    ]);
    // Fri 30 + Sun 540 + Mon-Thu 4×540 = 2730; festival 0; Mon-Thu 02-15..18 4×540 → 4890; Fri 09:00-12:00 180 → 5070.
    // Due with 2130 left: Fri 360, Sat 02-20 (make-up) 540, Mon 540, Tue 540 → Wed 02-24 09:00 + 150 = 11:30 local.
    expect(clockNamed(report, 'resolution')).toMatchObject({
      status: 'running',
      elapsedMinutes: 5070,
      remainingMinutes: 2130,
      dueAt: '2027-02-24T03:30:00.000Z',
      // Warn at 7080, 2010 from now: Fri 360, Sat 540, Mon 540, Tue 540 (30 left) → Wed 09:30 local.
      warnAt: '2027-02-24T01:30:00.000Z',
    });
    const row = await t.api('GET', `/api/v1/tickets/${id}`, { token: rep });
    expect(row.body).toMatchObject({ slaBreachAt: '2027-02-24T03:30:00.000Z', slaStatus: 'on-track' });
  });

  it('SG: a customer reply before Good Friday breaches the next response on Monday 09:20', async () => {
    const rep = await t.login('rep1.sg@fieldops.test');
    // complaint, high: first response 15, next response 30, resolution 480.
    at('2027-03-25T15:00:00+08:00');
    const id = await open(rep, {
      type: 'complaint',
      priority: 'high',
      title: 'Settlement missing',
      fields: { channel: 'phone', category: 'settlement' },
    });
    at('2027-03-25T15:10:00+08:00');
    await comment(rep, id, { visibility: 'public' });
    at('2027-03-25T17:50:00+08:00');
    await comment(rep, id, { from: 'customer' });
    at('2027-03-29T09:30:00+08:00');
    const report = await sla(rep, id);
    expect(clockNamed(report, 'firstResponse')).toMatchObject({ status: 'met', elapsedMinutes: 10 });
    // Thu 17:50-18:00 = 10, Good Friday and the weekend 0, Mon 09:00-09:30 = 30: 40 of 30; breach at Mon 09:20.
    const nextResponse = clockNamed(report, 'nextResponse');
    expect(nextResponse).toMatchObject({
      key: 'nextResponse.1',
      status: 'breached',
      elapsedMinutes: 40,
      breachedAt: '2027-03-29T01:20:00.000Z',
    });
    expect(rowsOf(nextResponse)).toEqual([
      ['2027-03-25T09:50:00.000Z', '2027-03-25T10:00:00.000Z', 'counted'],
      ['2027-03-25T10:00:00.000Z', '2027-03-29T01:00:00.000Z', 'non-working'],
      ['2027-03-29T01:00:00.000Z', '2027-03-29T01:30:00.000Z', 'counted'],
    ]);
    // Thu 15:00-18:00 = 180, Mon 30 → 210; due at 480: Mon 09:00 + 300 = 14:00 local.
    expect(clockNamed(report, 'resolution')).toMatchObject({ elapsedMinutes: 210, dueAt: '2027-03-29T06:00:00.000Z' });
  });

  it('BR: 17:30 in Manaus is after hours in Brasília; counting starts after Tiradentes', async () => {
    const rep = await t.login('rep1.br@fieldops.test');
    // equipment-repair, normal: first response 240, resolution 1440. BR works 08:00-18:00 in America/Sao_Paulo.
    at('2027-04-20T17:30:00-04:00');
    const id = await open(rep, {
      type: 'equipment-repair',
      priority: 'normal',
      title: 'Terminal dead',
      fields: { terminalModel: 'PAX D195', serialNumber: 'BR12345678', symptom: 'no-power' },
    });
    at('2027-04-22T09:00:00-03:00');
    const report = await sla(rep, id);
    const firstResponse = clockNamed(report, 'firstResponse');
    // Thu 08:00-09:00 = 60 of 240; due Thu 08:00 + 240 = 12:00 Brasília.
    expect(firstResponse).toMatchObject({
      status: 'running',
      elapsedMinutes: 60,
      dueAt: '2027-04-22T15:00:00.000Z',
      warnAt: '2027-04-22T14:00:00.000Z',
    });
    expect(rowsOf(firstResponse)).toEqual([
      ['2027-04-20T21:30:00.000Z', '2027-04-22T11:00:00.000Z', 'non-working'],
      ['2027-04-22T11:00:00.000Z', '2027-04-22T12:00:00.000Z', 'counted'],
    ]);
  });

  it('pending pauses the clocks; a reopen counts on from where resolution stopped', async () => {
    // Tokens are issued at the moved clock's time and checked against the real one: log in before going back to 2026.
    const rep = await t.login('rep2.cn@fieldops.test');
    const manager = await t.login('countrymanager.cn@fieldops.test');
    // equipment-repair, normal: resolution 1440 on CN's 540-minute days (March 2026 has no holiday).
    at('2026-03-02T09:00:00+08:00');
    const id = await open(rep, {
      type: 'equipment-repair',
      priority: 'normal',
      title: 'Card reader broken',
      fields: { terminalModel: 'Sunmi P2', serialNumber: 'CN1234567890', symptom: 'card-reader' },
    });
    const me = (await t.api('GET', `/api/v1/tickets/${id}`, { token: rep })).body.createdBy;
    expect((await t.api('POST', `/api/v1/tickets/${id}/assign`, { token: manager, body: { assigneeId: me } })).status).toBe(200);
    const move = async (to: string, when: string, extra: Record<string, unknown> = {}) => {
      at(when);
      const res = await t.api('POST', `/api/v1/tickets/${id}/transitions`, { token: rep, body: { to, ...extra } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await move('in_progress', '2026-03-02T09:30:00+08:00');
    await move('pending', '2026-03-02T11:00:00+08:00', { pendingOn: 'merchant' });
    at('2026-03-03T10:00:00+08:00');
    // 09:00-11:00 = 120 counted, then frozen: 1320 left and no due time.
    expect(clockNamed(await sla(rep, id), 'resolution')).toMatchObject({
      status: 'paused',
      elapsedMinutes: 120,
      remainingMinutes: 1320,
      dueAt: null,
    });
    await move('in_progress', '2026-03-03T14:00:00+08:00');
    await move('resolved', '2026-03-03T15:00:00+08:00');
    // 120 + Tue 14:00-15:00 = 180; reopened Wed 10:00 and read at 11:00: 180 + 60 = 240, 1200 left.
    await move('in_progress', '2026-03-04T10:00:00+08:00');
    at('2026-03-04T11:00:00+08:00');
    const resolution = clockNamed(await sla(rep, id), 'resolution');
    // Due: Wed 11:00-18:00 420 (780 left), Thu 540 (240 left), Fri 09:00 + 240 = 13:00 local = 05:00 UTC.
    expect(resolution).toMatchObject({ status: 'running', elapsedMinutes: 240, remainingMinutes: 1200, dueAt: '2026-03-06T05:00:00.000Z' });
    expect(resolution.intervals.filter((i) => i.kind === 'paused')[0]).toEqual({
      from: '2026-03-02T03:00:00.000Z',
      to: '2026-03-03T06:00:00.000Z',
      kind: 'paused',
    });
  });
});
