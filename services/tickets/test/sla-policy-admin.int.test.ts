import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, outboxOf, startTicketsHost, ticketsDb } from './tickets-fixtures';

type Row = { ticketType: string; source: string; from: string; version: number; policies: Record<string, Policy> };
type Policy = {
  targets: { firstResponse: number; nextResponse: number; resolution: number };
  warnBeforeMinutes: number;
  escalations: { level: number; afterBreachMinutes: number; notify: string }[];
};

const scaled = (set: Record<string, Policy>, factor: number): Record<string, Policy> =>
  Object.fromEntries(
    Object.entries(set).map(([priority, p]) => [
      priority,
      {
        ...p,
        targets: {
          firstResponse: p.targets.firstResponse * factor,
          nextResponse: p.targets.nextResponse * factor,
          resolution: p.targets.resolution * factor,
        },
      },
    ]),
  );

describe.each(await databaseEngines())('SLA policy administration on $name', (database) => {
  let t: TestHost;
  let manager: string;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const policiesOf = async (token: string): Promise<Row[]> => {
    const res = await t.api('GET', '/api/v1/tickets/sla-policies', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Row[];
  };

  beforeAll(async () => {
    t = await startTicketsHost(database);
    manager = await as('countrymanager.sg');
  }, 120_000);
  afterAll(async () => t?.stop());

  it('lists the country’s policies per type with their source; only who manages SLAs reads or sets them', async () => {
    const rows = await policiesOf(manager);
    expect(rows.map((r) => r.ticketType)).toContain('default');
    expect(rows.find((r) => r.ticketType === 'complaint')).toMatchObject({ source: 'built-in', from: 'complaint', version: 0 });
    expect(rows.find((r) => r.ticketType === 'equipment-repair')).toMatchObject({ source: 'built-in', from: 'default' });
    const rep = await as('rep1.sg');
    expectProblem(await t.api('GET', '/api/v1/tickets/sla-policies', { token: rep }), 403);
    const lead = await as('teamlead1.sg');
    const complaint = rows.find((r) => r.ticketType === 'complaint');
    expectProblem(await t.api('PUT', '/api/v1/tickets/sla-policies/complaint', { token: lead, body: complaint?.policies }), 403);
  });

  it('refuses broken policies naming each field, and changes nothing', async () => {
    const row = (await policiesOf(manager)).find((r) => r.ticketType === 'complaint');
    if (!row) throw new Error('no complaint row');
    const urgent = row.policies.urgent as Policy;
    const broken = {
      ...row.policies,
      urgent: {
        ...urgent,
        targets: { ...urgent.targets, firstResponse: 0 },
        escalations: [urgent.escalations[1], urgent.escalations[0]],
      },
    };
    const res = await t.api('PUT', '/api/v1/tickets/sla-policies/complaint', { token: manager, body: broken });
    expectProblem(res, 422, '/body/urgent/targets/firstResponse');
    expectProblem(res, 422, '/body/urgent/escalations/0/level');
    const { high: _high, ...missing } = row.policies;
    expectProblem(await t.api('PUT', '/api/v1/tickets/sla-policies/complaint', { token: manager, body: missing }), 400);
    const negative = { ...row.policies, low: { ...row.policies.low, warnBeforeMinutes: -5 } };
    expectProblem(
      await t.api('PUT', '/api/v1/tickets/sla-policies/complaint', { token: manager, body: negative }),
      400,
      '/body/low/warnBeforeMinutes',
    );
    expectProblem(await t.api('PUT', '/api/v1/tickets/sla-policies/no-such-type', { token: manager, body: row.policies }), 404);
    expect(await ticketsDb(t).selectFrom('ticket_sla_policy').selectAll().execute()).toEqual([]);
  });

  it('a change is versioned, announced with before and after, and recomputes the open tickets of the country', async () => {
    const rep = await as('rep1.sg');
    const opened = await t.api('POST', '/api/v1/tickets', {
      token: rep,
      body: {
        type: 'complaint',
        title: 'Settlement missing since Monday',
        priority: 'urgent',
        fields: { channel: 'phone', category: 'settlement' },
      },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const before = opened.body.slaBreachAt as string | null;
    const row = (await policiesOf(manager)).find((r) => r.ticketType === 'complaint');
    if (!row) throw new Error('no complaint row');

    const slower = scaled(row.policies, 10);
    const saved = await t.api('PUT', '/api/v1/tickets/sla-policies/complaint', {
      token: manager,
      body: slower,
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ ticketType: 'complaint', source: 'country', version: 1, policies: slower });
    expect(saved.headers.get('etag')).toBe('"1"');
    // A second writer still at version 0 loses.
    expectProblem(
      await t.api('PUT', '/api/v1/tickets/sla-policies/complaint', { token: manager, body: row.policies, headers: { 'if-match': '"0"' } }),
      412,
    );

    const [event] = await outboxOf(t, 'SG:complaint');
    expect(event).toMatchObject({
      type: 'tickets.sla-policy.changed.v1',
      data: { country: 'SG', ticketType: 'complaint', version: 1, before: row.policies, after: slower },
    });
    // Recomputed from the ticket's own history under the new targets: its breach moves later.
    await eventually(async () => {
      const read = await t.api('GET', `/api/v1/tickets/${opened.body.id}`, { token: rep });
      expect(read.body.slaBreachAt).not.toEqual(before);
      if (before !== null) expect(Date.parse(read.body.slaBreachAt)).toBeGreaterThan(Date.parse(before));
    });
    const sla = await t.api('GET', `/api/v1/tickets/${opened.body.id}/sla`, { token: rep });
    const first = (sla.body.clocks as { clock: string; targetMinutes: number }[]).find((c) => c.clock === 'firstResponse');
    expect(first?.targetMinutes).toBe(slower.urgent?.targets.firstResponse);
  });

  it('another country’s manager sets their own country’s policies, never Singapore’s', async () => {
    const brazil = await as('countrymanager.br');
    const row = (await policiesOf(brazil)).find((r) => r.ticketType === 'default');
    if (!row) throw new Error('no default row');
    const res = await t.api('PUT', '/api/v1/tickets/sla-policies/default', { token: brazil, body: scaled(row.policies, 2) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = await ticketsDb(t)
      .selectFrom('ticket_sla_policy')
      .select(['country', 'ticket_type'])
      .where('ticket_type', '=', 'default')
      .execute();
    expect(stored).toEqual([{ country: 'BR', ticket_type: 'default' }]);
    expect((await policiesOf(manager)).find((r) => r.ticketType === 'default')).toMatchObject({ source: 'built-in', version: 0 });
  });
});
