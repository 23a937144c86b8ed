import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, aRepair, expectProblem, ifMatch, outboxOf, startTicketsHost, ticketsDb } from './tickets-fixtures';

describe.each(await databaseEngines())('tickets through REST on $name', (database) => {
  let t: TestHost;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  beforeAll(async () => {
    t = await startTicketsHost(database);
  }, 120_000);
  afterAll(async () => t?.stop());

  it('lists my country’s ticket types with their field schemas', async () => {
    const res = await t.api('GET', '/api/v1/tickets/types', { token: await as('rep1.cn') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.country).toBe('CN');
    const repair = res.body.items.find((i: { type: string }) => i.type === 'equipment-repair');
    expect(repair).toMatchObject({ defaultPriority: 'high', queue: 'field-service', assignment: 'covering-rep' });
    expect(repair.fields.properties.terminalModel.enum).toContain('Sunmi P2');
  });

  it('opens a ticket on a merchant, assigned to the rep covering its point, with its events and SLA', async () => {
    const rep = await as('rep1.sg');
    const merchantId = await aMerchant(t, rep);
    // The demo's coverage arrives by events (eight demo countries): wait until the point has its primary rep.
    const admin = await as('admin');
    const covering = await eventually(
      async () => {
        const answer = await t.api('GET', '/api/v1/areas/covering?lat=1.2903&lng=103.8519', { token: admin });
        expect(answer.body.primary?.length ?? 0).toBeGreaterThan(0);
        return answer;
      },
      { timeoutMs: 60_000 },
    );
    const created = await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ merchantId, description: 'Paper jams' }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/tickets/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    // The demo areas cover the demo centre, so the rule finds the area's primary rep.
    const primary = covering.body.primary[0]?.userId ?? null;
    expect(primary).not.toBeNull();
    expect(created.body).toMatchObject({
      state: 'assigned',
      assigneeId: primary,
      priority: 'high',
      queue: 'field-service',
      merchantId,
      country: 'SG',
      slaStatus: 'on-track',
      fields: { terminalModel: 'PAX A920', symptom: 'printer' },
    });
    expect(created.body.slaBreachAt).not.toBeNull();
    const stored = await ticketsDb(t)
      .selectFrom('ticket')
      .select(['sla_next_due_at'])
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.sla_next_due_at)).toBe(Date.parse(created.body.slaNextDueAt));
    const types = (await outboxOf(t, created.body.id)).map((e) => e.type);
    expect(types).toEqual(['tickets.ticket.opened.v1', 'tickets.ticket.assigned.v1']);
  }, 120_000);

  it('a complaint goes to the least-loaded of the reps covering the merchant (the primary on a tie)', async () => {
    const rep = await as('rep2.sg');
    const merchantId = await aMerchant(t, rep);
    // The demo's coverage arrives by events (eight demo countries): wait until the point has its primary rep.
    const admin = await as('admin');
    const covering = await eventually(
      async () => {
        const answer = await t.api('GET', '/api/v1/areas/covering?lat=1.2903&lng=103.8519', { token: admin });
        expect(answer.body.primary?.length ?? 0).toBeGreaterThan(0);
        return answer;
      },
      { timeoutMs: 60_000 },
    );
    const candidates = [...covering.body.primary, ...covering.body.backups].map((c: { userId: string }) => c.userId);
    expect(candidates).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      const open = await ticketsDb(t)
        .selectFrom('ticket')
        .select('assignee_id')
        .where('assignee_id', 'in', candidates)
        .where('state', 'in', ['new', 'assigned', 'in_progress', 'pending'])
        .execute();
      const load = candidates.map((id) => open.filter((row) => row.assignee_id === id).length);
      const expected = (load[1] ?? 0) < (load[0] ?? 0) ? candidates[1] : candidates[0];
      const res = await t.api('POST', '/api/v1/tickets', {
        token: rep,
        body: { type: 'complaint', title: `Fees too high ${i}`, merchantId, fields: { channel: 'phone', category: 'fees' } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ state: 'assigned', assigneeId: expected, queue: 'merchant-care' });
    }
  }, 120_000);

  it('an Idempotency-Key replays the first answer and opens one ticket', async () => {
    const rep = await as('rep2.sg');
    const body = aRepair();
    const headers = { 'idempotency-key': `repair-${body.title}` };
    const first = await t.api('POST', '/api/v1/tickets', { token: rep, body, headers });
    const again = await t.api('POST', '/api/v1/tickets', { token: rep, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const rows = await ticketsDb(t)
      .selectFrom('ticket')
      .select('id')
      .where('title', '=', body.title as string)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('fields that do not match the type are a 400 naming each field, and nothing is written', async () => {
    const rep = await as('rep3.sg');
    const title = 'Wrong fields ticket';
    const res = await t.api('POST', '/api/v1/tickets', {
      token: rep,
      body: aRepair({ title, fields: { terminalModel: 'Sunmi P2', serialNumber: 'x', colour: 'red' } }),
    });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      '/body/fields/colour',
      '/body/fields/serialNumber',
      '/body/fields/symptom',
      '/body/fields/terminalModel',
    ]);
    expectProblem(await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ type: 'teleport' }) }), 400, '/body/type');
    expect(await ticketsDb(t).selectFrom('ticket').select('id').where('title', '=', title).execute()).toEqual([]);
  });

  it('walks the state machine; an illegal move is a 409 naming from, to and allowed', async () => {
    const rep = await as('rep4.sg');
    const id = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair() })).body.id;
    const move = (to: string, extra: Record<string, unknown> = {}) =>
      t.api('POST', `/api/v1/tickets/${id}/transitions`, { token: rep, body: { to, ...extra } });
    const illegal = await move('closed');
    expectProblem(illegal, 409);
    expect(illegal.body).toMatchObject({ from: 'new', to: 'closed', allowed: ['assigned', 'canceled'] });
    expectProblem(await move('assigned'), 409);
    const me = (await t.api('GET', `/api/v1/tickets/${id}`, { token: rep })).body.createdBy;
    const manager = await as('teamlead1.sg');
    const assigned = await t.api('POST', `/api/v1/tickets/${id}/assign`, { token: manager, body: { assigneeId: me } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ state: 'assigned', assigneeId: me });
    const assignedEvent = (await outboxOf(t, id)).find((e) => e.type === 'tickets.ticket.assigned.v1')?.data;
    expect(assignedEvent).toMatchObject({ ticketId: id, assigneeId: me, previousAssigneeId: null, version: 2 });
    expect((await move('in_progress')).body.state).toBe('in_progress');
    expectProblem(await move('pending'), 409, '/body/pendingOn');
    const pending = await move('pending', { pendingOn: 'merchant', reason: 'Waiting for the shop to open' });
    expect(pending.body).toMatchObject({ state: 'pending', pendingOn: 'merchant', slaStatus: 'paused' });
    expect((await move('resolved', { reason: 'Replaced the printer' })).body.state).toBe('resolved');
    const reopened = await move('in_progress', { reason: 'Jams again' });
    expect(reopened.body).toMatchObject({ state: 'in_progress', pendingOn: null });
    const history = await t.api('GET', `/api/v1/tickets/${id}/history`, { token: rep });
    expect(history.body.history.map((h: { kind: string; to: string | null }) => `${h.kind}:${h.to}`)).toEqual([
      'opened:new',
      'assigned:assigned',
      'transitioned:in_progress',
      'transitioned:pending',
      'transitioned:resolved',
      'reopened:in_progress',
    ]);
    expect(history.body.history[3]).toMatchObject({ reason: 'Waiting for the shop to open', actor: me });
    const events = (await outboxOf(t, id)).filter((e) => e.type === 'tickets.ticket.transitioned.v1').map((e) => e.data);
    expect(events.at(-1)).toMatchObject({ from: 'resolved', to: 'in_progress', reopened: true, reason: 'Jams again' });
  });

  it('of moves at once one wins and the others are 409s; comments at once all land, each once in the history', async () => {
    const rep = await as('rep8.sg');
    const id = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair() })).body.id;
    const moves = await Promise.all(
      ['canceled', 'canceled', 'canceled'].map((to) => t.api('POST', `/api/v1/tickets/${id}/transitions`, { token: rep, body: { to } })),
    );
    expect(moves.map((m) => m.status).sort()).toEqual([200, 409, 409]);
    const other = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair() })).body.id;
    const comments = await Promise.all(
      [1, 2, 3, 4].map((n) => t.api('POST', `/api/v1/tickets/${other}/comments`, { token: rep, body: { body: `Note ${n}` } })),
    );
    expect(comments.map((c) => c.status)).toEqual([201, 201, 201, 201]);
    const history = (await t.api('GET', `/api/v1/tickets/${other}/history`, { token: rep })).body;
    expect(history.history.filter((h: { kind: string }) => h.kind === 'commented')).toHaveLength(4);
    expect(history.comments.map((c: { body: string }) => c.body).sort()).toEqual(['Note 1', 'Note 2', 'Note 3', 'Note 4']);
    const canceled = (await t.api('GET', `/api/v1/tickets/${id}/history`, { token: rep })).body.history;
    expect(canceled.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'transitioned']);
  });

  it('PATCH needs the version read (If-Match): a stale one is a 412 and changes nothing', async () => {
    const rep = await as('rep5.sg');
    const created = await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair() });
    const id = created.body.id;
    const patched = await t.api('PATCH', `/api/v1/tickets/${id}`, { token: rep, body: { priority: 'urgent' }, headers: ifMatch(created) });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ priority: 'urgent', version: 2 });
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(Date.parse(patched.body.slaBreachAt)).toBeLessThan(Date.parse(created.body.slaBreachAt));
    const stale = await t.api('PATCH', `/api/v1/tickets/${id}`, { token: rep, body: { title: 'Stale' }, headers: ifMatch(created) });
    expectProblem(stale, 412);
    expect((await t.api('GET', `/api/v1/tickets/${id}`, { token: rep })).body.title).toBe(created.body.title);
    const updated = (await outboxOf(t, id)).filter((e) => e.type === 'tickets.ticket.updated.v1').map((e) => e.data);
    expect(updated).toEqual([expect.objectContaining({ id, priority: 'urgent', version: 2 })]);
    const badFields = await t.api('PATCH', `/api/v1/tickets/${id}`, {
      token: rep,
      body: { fields: { symptom: 'smoke' } },
      headers: ifMatch(patched),
    });
    expectProblem(badFields, 400, '/body/fields/symptom');
  });

  it('a public comment answers the customer: the first-response clock stops', async () => {
    const rep = await as('rep1.sg');
    const id = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair() })).body.id;
    const internal = await t.api('POST', `/api/v1/tickets/${id}/comments`, { token: rep, body: { body: 'Checking stock' } });
    expect(internal.status, JSON.stringify(internal.body)).toBe(201);
    const firstResponse = async () =>
      (await t.api('GET', `/api/v1/tickets/${id}/sla`, { token: rep })).body.clocks.find(
        (c: { clock: string }) => c.clock === 'firstResponse',
      );
    expect((await firstResponse()).status).toBe('running');
    const reply = await t.api('POST', `/api/v1/tickets/${id}/comments`, {
      token: rep,
      body: { body: 'A technician comes today', visibility: 'public' },
    });
    expect(reply.body).toMatchObject({ visibility: 'public', ticketId: id });
    expect((await firstResponse()).status).toBe('met');
    const commented = (await outboxOf(t, id)).filter((e) => e.type === 'tickets.ticket.commented.v1');
    expect(commented.map((e) => e.data.visibility)).toEqual(['internal', 'public']);
  });

  it('lists by filter, and sort=breach puts the soonest breach first across pages', async () => {
    const rep = await as('rep7.sg');
    const low = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ priority: 'low' }) })).body;
    const urgent = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ priority: 'urgent' }) })).body;
    const normal = (await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ priority: 'normal' }) })).body;
    const page1 = await t.api('GET', '/api/v1/tickets?sort=breach&limit=2&state=new', { token: rep });
    expect(page1.status, JSON.stringify(page1.body)).toBe(200);
    const page2 = await t.api('GET', `/api/v1/tickets?sort=breach&limit=2&state=new&cursor=${page1.body.nextCursor}`, { token: rep });
    const ids = [...page1.body.items, ...page2.body.items].map((i: { id: string }) => i.id);
    expect(ids).toEqual([urgent.id, normal.id, low.id]);
    const newest = await t.api('GET', '/api/v1/tickets?limit=1', { token: rep });
    expect(newest.body.items[0].id).toBe(normal.id);
    expectProblem(await t.api('GET', `/api/v1/tickets?sort=breach&cursor=${newest.body.nextCursor}`, { token: rep }), 400, '/query/cursor');
    const queue = await t.api('GET', '/api/v1/tickets?queue=data-quality', { token: rep });
    expect(queue.body.items).toEqual([]);
  });
});
