import { SearchService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { eventually, hostEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchantSnapshot, aTicketSnapshot, claimsOf, publish, startSearchHost } from './search-host';

const engines = await hostEngines();

describe.each(engines)('tickets in the search read model on $name', (engines) => {
  let t: TestHost;
  let manager: string;
  let rep: string;
  let otherRep: string;
  let repId: string;
  let repOrg: string;
  let otherRepId: string;
  const search = async (token: string, query: string) => t.api('GET', `/api/v1/search?type=ticket&${query}`, { token });
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
  const hour = 3_600_000;
  const base = Date.parse('2026-03-02T02:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();

  // One merchant with three tickets of the rep, one of another team's rep, one the other rep opened for the rep's team.
  const merchant = aMerchantSnapshot({ brandName: 'Golden Lotus Dim Sum', address: '8 Temple Street' });
  const soon = aTicketSnapshot({ title: 'Printer jammed', priority: 'urgent', slaStatus: 'at-risk', slaBreachAt: iso(base + hour) });
  const later = aTicketSnapshot({ title: 'Card reader slow', priority: 'high', slaStatus: 'on-track', slaBreachAt: iso(base + 5 * hour) });
  const breached = aTicketSnapshot({ title: 'Screen cracked', type: 'complaint', slaStatus: 'breached', slaBreachAt: iso(base - hour) });
  const paused = aTicketSnapshot({ title: 'Waiting on courier', state: 'pending', pendingOn: 'third_party', slaStatus: 'paused' });
  const foreign = aTicketSnapshot({ title: 'Another team printer', slaBreachAt: iso(base) });

  beforeAll(async () => {
    t = await startSearchHost(engines);
    manager = await t.login('admin@fieldops.test');
    rep = await t.login('rep1.sg@fieldops.test');
    otherRep = await t.login('rep6.sg@fieldops.test');
    ({ sub: repId, org: repOrg } = claimsOf(rep));
    otherRepId = claimsOf(otherRep).sub;
    await publish(t, 'merchant.merchant.created.v1', merchant.id, merchant, { country: 'SG' });
    await eventually(async () =>
      expect((await t.api('GET', `/api/v1/search?type=merchant&q=lotus`, { token: manager })).body.items).toHaveLength(1),
    );
    for (const ticket of [soon, later, breached, paused]) {
      Object.assign(ticket, { assigneeId: repId, orgUnitId: repOrg, merchantId: merchant.id });
    }
    Object.assign(foreign, { assigneeId: otherRepId, orgUnitId: claimsOf(otherRep).org });
    for (const ticket of [soon, later, breached, paused, foreign]) {
      await publish(t, 'tickets.ticket.opened.v1', ticket.id, ticket, { country: 'SG' });
    }
    await eventually(async () => expect(idsOf((await search(manager, 'limit=100')).body)).toHaveLength(5));
  }, 120_000);
  afterAll(async () => t?.stop());

  it('the queue sorted by breach time: breached first, then the soonest breach, clockless tickets last', async () => {
    const res = await search(rep, 'sort=breach&limit=2');
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual([breached.id, soon.id]);
    expect(res.body.items[1]).toMatchObject({ priority: 'urgent', slaStatus: 'at-risk', breachAt: soon.slaBreachAt, status: 'assigned' });
    const next = await search(rep, `sort=breach&limit=2&cursor=${encodeURIComponent(res.body.nextCursor)}`);
    expect(idsOf(next.body)).toEqual([later.id, paused.id]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('facets by state, type, priority, SLA state, area and assignee count only what the caller may see', async () => {
    const res = await search(rep, 'facets=status,category,priority,slaStatus,ownerId,areaId&limit=1');
    expect(res.body.facets).toEqual({
      status: { assigned: 3, pending: 1 },
      category: { 'equipment-repair': 3, complaint: 1 },
      priority: { normal: 2, urgent: 1, high: 1 },
      slaStatus: { 'at-risk': 1, 'on-track': 1, breached: 1, paused: 1 },
      ownerId: { [repId]: 4 },
      areaId: {},
    });
    expect(idsOf((await search(rep, 'sla=breached,at-risk&priority=urgent')).body)).toEqual([soon.id]);
  });

  it('finds a ticket by its title and by its merchant’s name', async () => {
    expect(idsOf((await search(rep, 'q=printer')).body)).toEqual([soon.id]);
    expect(idsOf((await search(manager, 'q=printer&sort=breach')).body)).toEqual([foreign.id, soon.id]);
    expect(idsOf((await search(rep, 'q=golden%20lotus')).body).sort()).toEqual([soon.id, later.id, breached.id, paused.id].sort());
  });

  it('a rep sees the tickets assigned to them and those they opened, not another team’s', async () => {
    expect(idsOf((await search(otherRep, 'limit=100')).body)).toEqual([foreign.id]);
    const opened = aTicketSnapshot({ title: 'Opened for another team', createdBy: otherRepId, assigneeId: repId, orgUnitId: repOrg });
    await publish(t, 'tickets.ticket.opened.v1', opened.id, opened, { country: 'SG' });
    await eventually(async () => expect(idsOf((await search(otherRep, 'limit=100')).body).sort()).toEqual([foreign.id, opened.id].sort()));
  });

  it('a sort by breach time over other types is a 400 naming the sort', async () => {
    const res = await t.api('GET', '/api/v1/search?type=merchant,ticket&sort=breach', { token: rep });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: '/query/sort' })]);
  });

  it('the merchant carries hasOpenTicket while one of its tickets is open, and the SLA job’s breach reaches the queue', async () => {
    const flag = async () =>
      (await t.api('GET', '/api/v1/search?type=merchant&q=lotus', { token: manager })).body.items[0]?.hasOpenTicket as boolean;
    expect(await flag()).toBe(true);
    expect(idsOf((await t.api('GET', '/api/v1/search?type=merchant&hasOpenTicket=true', { token: manager })).body)).toEqual([merchant.id]);

    await publish(t, 'tickets.ticket.sla-breached.v1', soon.id, {
      ticketId: soon.id,
      key: 'resolution:breach:1',
      clock: 'resolution',
      title: soon.title,
      priority: soon.priority,
      assigneeId: repId,
      dueAt: soon.slaBreachAt,
      firedAt: soon.slaBreachAt,
      notify: [repId],
    });
    await eventually(async () => expect((await search(rep, 'q=jammed')).body.items[0]?.slaStatus).toBe('breached'));

    for (const ticket of [soon, later, breached, paused]) {
      const resolved = { ...ticket, state: 'resolved' as const, pendingOn: null, slaStatus: 'met' as const, version: 2 };
      await publish(t, 'tickets.ticket.updated.v1', ticket.id, resolved, { country: 'SG' });
    }
    await eventually(async () => expect(await flag()).toBe(false));
    // An older snapshot arriving late changes nothing.
    await publish(t, 'tickets.ticket.opened.v1', soon.id, soon, { country: 'SG' });
    const merchants = await t.host.runtime.rpc
      .client(SearchService)
      .search({ types: ['merchant'], q: 'lotus', hasOpenTicket: false }, asCaller(manager));
    expect(merchants.items.map((i) => [i.id, i.hasOpenTicket])).toEqual([[merchant.id, false]]);
    expect((await search(rep, 'q=jammed')).body.items[0]?.status).toBe('resolved');
  });
});
