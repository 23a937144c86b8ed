import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { fileService } from '@fieldops/file';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import type { RpcClients } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { ticketsService } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printBffSchema, SCHEMA_SNAPSHOT } from '../src/graphql/schema-snapshot';
import { SCREEN_QUERIES } from '../src/graphql/screen-queries';
import { createGateway } from '../src/index';

const SERVICES = [accountService, areaService, poiService, merchantService, leadsService, fileService, checkinService, ticketsService];
const engines = await hostEngines();

/**
 * Counts the RPC calls made through the host's clients on behalf of the user whose token `caller()` answers, by
 * `Service.method` (the consumers' own calls in the background are not the query's).
 */
function countRpcCalls(rpc: RpcClients, caller: () => string | undefined): Map<string, number> {
  const calls = new Map<string, number>();
  const client = rpc.client.bind(rpc);
  rpc.client = ((service) => {
    const real = client(service) as unknown as Record<string, (...args: unknown[]) => unknown>;
    return new Proxy(real, {
      get(target, method: string) {
        const call = target[method];
        if (typeof call !== 'function') return call;
        return (...args: unknown[]) => {
          const key = `${service.name}.${method}`;
          const token = caller();
          if (token !== undefined && JSON.stringify(args[1] ?? {}).includes(token)) calls.set(key, (calls.get(key) ?? 0) + 1);
          return call.apply(target, args);
        };
      },
    });
  }) as RpcClients['client'];
  return calls;
}

const total = (calls: Map<string, number>) => [...calls.values()].reduce((sum, n) => sum + n, 0);

describe('the GraphQL schema', () => {
  it('matches the committed snapshot (npm run gen:schema -w @fieldops/gateway after a deliberate change)', () => {
    expect(printBffSchema()).toBe(fs.readFileSync(SCHEMA_SNAPSHOT, 'utf8'));
  });
});

describe.each(engines)('the GraphQL BFF on $name', (engine) => {
  let t: TestHost;
  let calls: Map<string, number>;
  let measuredToken: string | undefined;
  const graphql = (token: string | undefined, body: Record<string, unknown>) => t.api('POST', '/graphql', { token, body });

  beforeAll(async () => {
    t = await startTestHost({
      services: SERVICES,
      edge: createGateway({ services: SERVICES }),
      seedDemo: true,
      engines: engine,
      env: { RATE_LIMIT_LOGIN_MAX: '1000' },
    });
    calls = countRpcCalls(t.host.runtime.rpc, () => measuredToken);
  }, 120_000);
  afterAll(async () => t?.stop());

  /** A merchant of Singapore whose history holds one change by each of `editors` country managers. */
  async function merchantEditedBy(editors: number): Promise<string> {
    const admin = await t.login('admin@fieldops.test');
    const manager = await t.login('countrymanager.sg@fieldops.test');
    const me = (await t.api('GET', '/api/v1/me', { token: manager })).body;
    const created = await t.api('POST', '/api/v1/merchants', {
      token: manager,
      body: { legalName: `Kopi ${editors} Pte Ltd`, category: 'cafe', lat: 1.2834, lng: 103.8607, businessId: '201912345K' },
    });
    expect(created.status).toBe(201);
    for (let editor = 0; editor < editors; editor++) {
      const email = `editor${editors}-${editor}.sg@fieldops.test`;
      const user = await t.api('POST', '/api/v1/users', {
        token: admin,
        body: { email, name: `Editor ${editor}`, password: 'demo1234', orgUnitId: me.user.orgUnitId, roleIds: me.user.roleIds },
      });
      expect(user.status).toBe(201);
      const edit = await t.api('PATCH', `/api/v1/merchants/${created.body.id}`, {
        token: await t.login(email),
        body: { brandName: `Kopi ${editors} by editor ${editor}` },
      });
      expect(edit.status).toBe(200);
    }
    return created.body.id;
  }

  interface DetailCosts {
    calls: Map<string, number>;
    history: { actor: { name: string } | null }[];
    recentVisits: { verification: string; rep: { name: string } | null }[];
  }

  async function detailCosts(id: string): Promise<DetailCosts> {
    const token = await t.login('countrymanager.sg@fieldops.test');
    measuredToken = token;
    calls.clear();
    const answer = await graphql(token, { query: SCREEN_QUERIES.MerchantDetail, variables: { id } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const { history, recentVisits } = answer.body.data.merchantDetail;
    return { calls: new Map(calls), history, recentVisits };
  }

  it('a merchant-detail query makes the same few RPC calls however many changes its history lists', async () => {
    const few = await detailCosts(await merchantEditedBy(1));
    const many = await detailCosts(await merchantEditedBy(6));

    expect(many.history.length).toBeGreaterThanOrEqual(7);
    expect(new Set(many.history.map((entry) => entry.actor?.name)).size).toBeGreaterThanOrEqual(7);
    expect(many.calls.get('AccountService.batchGetUsers')).toBe(1);
    expect(total(many.calls)).toBe(total(few.calls));
    expect(total(many.calls)).toBeLessThanOrEqual(5);
  });

  /** A Singapore merchant of rep1 with `visits` visits by rep1 (each checked in at the shop and out). */
  async function merchantVisited(visits: number): Promise<string> {
    const rep = await t.login('rep1.sg@fieldops.test');
    const shop = { lat: 1.2903, lng: 103.8519 };
    const created = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: `Visited ${visits} Pte Ltd`, category: 'grocery', businessId: '201912345K', ...shop },
    });
    expect(created.status).toBe(201);
    for (let n = 0; n < visits; n++) {
      const id = randomUUID();
      const checkIn = await t.api('POST', '/api/v1/visits', {
        token: rep,
        body: {
          id,
          targetType: 'merchant',
          targetId: created.body.id,
          ...shop,
          accuracyM: 5 + n,
          deviceTime: new Date().toISOString(),
          mockLocation: false,
        },
      });
      expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
      const checkOut = await t.api('POST', `/api/v1/visits/${id}/check-out`, {
        token: rep,
        body: {
          deviceTime: new Date().toISOString(),
          outcome: 'met-owner',
          notes: '',
          answers: { terminalWorking: true, stockOfQrStands: 'good' },
        },
      });
      expect(checkOut.status, JSON.stringify(checkOut.body)).toBe(200);
    }
    return created.body.id;
  }

  it('a merchant-detail query lists its visits with the same few RPC calls however many visits there are', async () => {
    const few = await detailCosts(await merchantVisited(2));
    const many = await detailCosts(await merchantVisited(8));

    expect(few.recentVisits).toHaveLength(2);
    expect(many.recentVisits).toHaveLength(8);
    expect(many.recentVisits.every((visit) => visit.rep?.name && visit.verification)).toBe(true);
    expect(many.calls.get('CheckinService.listVisits')).toBe(1);
    expect(many.calls.get('AccountService.batchGetUsers')).toBe(1);
    expect(total(many.calls)).toBe(total(few.calls));
  });

  it('my day answers the plan set through the API, its stops in route order, and marks the stop I visited', async () => {
    const rep = await t.login('rep1.sg@fieldops.test');
    const visitedShop = await merchantVisited(1);
    const otherShop = await merchantVisited(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Singapore' }).format(new Date());
    const plan = await t.api('PUT', `/api/v1/plans/${today}`, {
      token: rep,
      body: { stops: [visitedShop, otherShop].map((targetId) => ({ targetType: 'merchant', targetId })) },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);

    const answer = await graphql(rep, { query: SCREEN_QUERIES.MyDay, variables: { date: today } });
    expect(answer.body.errors).toBeUndefined();
    const stops: { sequence: number; targetId: string; visited: boolean; merchant: { id: string } | null }[] = answer.body.data.myDay.plan;
    expect(stops.map((stop) => stop.sequence)).toEqual([1, 2]);
    expect(stops.find((stop) => stop.targetId === visitedShop)).toMatchObject({ visited: true, merchant: { id: visitedShop } });
    expect(stops.find((stop) => stop.targetId === otherShop)).toMatchObject({ visited: false });
    expect(answer.body.data.myDay.lastVisits.some((visit: { targetId: string }) => visit.targetId === visitedShop)).toBe(true);
  });

  it('my day answers my open tickets with their merchant and when each is due; the field ticket its contacts and moves', async () => {
    const [rep, other, manager] = await Promise.all(
      ['rep1.sg', 'rep2.sg', 'countrymanager.sg'].map((who) => t.login(`${who}@fieldops.test`)),
    );
    const merchant = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: {
        legalName: 'Day Ticket Kopitiam Pte Ltd',
        category: 'cafe',
        businessId: '201912345K',
        lat: 1.2903,
        lng: 103.8519,
        contacts: [{ name: 'Tan Ah Kow', role: 'owner', phone: '9123 4567' }],
      },
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const ticket = await t.api('POST', '/api/v1/tickets', {
      token: rep,
      body: {
        type: 'equipment-repair',
        merchantId: merchant.body.id,
        title: 'Terminal of my day',
        fields: { terminalModel: 'PAX A920', serialNumber: 'SN20261205', symptom: 'printer' },
      },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const me = await t.api('GET', '/api/v1/me', { token: rep });
    const assigned = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/assign`, {
      token: manager,
      body: { assigneeId: me.body.user.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

    const mine = await graphql(rep, { query: SCREEN_QUERIES.MyDay });
    expect(mine.body.errors).toBeUndefined();
    const entry = mine.body.data.myDay.tickets.find((day: { ticket: { id: string } }) => day.ticket.id === ticket.body.id);
    expect(entry).toMatchObject({ ticket: { title: 'Terminal of my day', state: 'assigned', merchant: { id: merchant.body.id } } });
    expect(['overdue', 'today', 'later']).toContain(entry.due);
    const others = await graphql(other, { query: SCREEN_QUERIES.MyDay });
    expect(others.body.data.myDay.tickets.some((day: { ticket: { id: string } }) => day.ticket.id === ticket.body.id)).toBe(false);

    const detail = await graphql(rep, { query: SCREEN_QUERIES.FieldTicket, variables: { id: ticket.body.id } });
    expect(detail.body.errors).toBeUndefined();
    expect(detail.body.data.ticketDetail).toMatchObject({
      ticket: { merchant: { contacts: [{ name: 'Tan Ah Kow', role: 'owner' }] } },
      moves: expect.arrayContaining(['in_progress']),
    });
    const outside = await graphql(other, { query: SCREEN_QUERIES.FieldTicket, variables: { id: ticket.body.id } });
    expect(outside.body.data.ticketDetail).toBeNull();
  });

  it('a persisted query runs by its name; the viewer carries the country policy', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const answer = await graphql(token, { persisted: true, query: 'Viewer' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.viewer).toMatchObject({
      user: { email: 'rep1.sg@fieldops.test' },
      country: { code: 'SG', currency: 'SGD', timeZone: 'Asia/Singapore', checkinRadiusMeters: expect.any(Number) },
    });
  });

  it('the map answers the records in a box, and clusters on the server when they are many', async () => {
    const token = await t.login('countrymanager.sg@fieldops.test');
    const singapore = { west: 103.6, south: 1.2, east: 104.05, north: 1.47 };
    const places = await graphql(token, { query: SCREEN_QUERIES.Map, variables: { bbox: singapore, zoom: 11, layers: ['PLACES'] } });
    expect(places.body.data.map.clustered).toBe(true);
    const clusters: { count: number }[] = places.body.data.map.clusters;
    expect(clusters.reduce((sum, cluster) => sum + cluster.count, 0)).toBeGreaterThan(300);

    // A crowded layer clusters on its own: the merchants in the same box are still listed one by one.
    const mixed = await graphql(token, {
      query: SCREEN_QUERIES.Map,
      variables: { bbox: singapore, zoom: 11, layers: ['PLACES', 'MERCHANTS'] },
    });
    expect(mixed.body.data.map.clustered).toBe(true);
    expect(new Set(mixed.body.data.map.clusters.map((cluster: { kind: string }) => cluster.kind))).toEqual(new Set(['place']));
    expect(mixed.body.data.map.records.length).toBeGreaterThan(0);
    expect(mixed.body.data.map.records.every((record: { kind: string }) => record.kind === 'merchant')).toBe(true);

    const merchants = await graphql(token, { query: SCREEN_QUERIES.Map, variables: { bbox: singapore, zoom: 11, layers: ['MERCHANTS'] } });
    const records: { kind: string; lat: number; lng: number }[] = merchants.body.data.map.records;
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.kind).toBe('merchant');
      expect(record.lat).toBeGreaterThanOrEqual(singapore.south);
      expect(record.lng).toBeLessThanOrEqual(singapore.east);
    }
  });

  it("the map keeps one country's merchants and leads; a country outside the caller's scope draws nothing", async () => {
    const singapore = { west: 103.6, south: 1.2, east: 104.05, north: 1.47 };
    const saoPaulo = { west: -46.83, south: -23.75, east: -46.36, north: -23.36 };
    const layers = ['MERCHANTS', 'LEADS'];
    const drawn = async (token: string, bbox: typeof singapore, country: string) => {
      const answer = await graphql(token, { query: SCREEN_QUERIES.Map, variables: { bbox, zoom: 11, layers, country } });
      expect(answer.body.errors).toBeUndefined();
      const map: { records: { kind: string }[]; clusters: { count: number }[] } = answer.body.data.map;
      return map.records.length + map.clusters.reduce((sum, cluster) => sum + cluster.count, 0);
    };
    const admin = await t.login('admin@fieldops.test');
    expect(await drawn(admin, saoPaulo, 'BR')).toBeGreaterThan(0);
    expect(await drawn(admin, saoPaulo, 'SG')).toBe(0);
    expect(await drawn(admin, singapore, 'SG')).toBeGreaterThan(0);

    // Singapore's country manager sees Singapore only: naming Brazil finds nothing, even where Brazil's records are.
    const manager = await t.login('countrymanager.sg@fieldops.test');
    expect(await drawn(manager, singapore, 'SG')).toBeGreaterThan(0);
    expect(await drawn(manager, saoPaulo, 'BR')).toBe(0);
    expect(await drawn(manager, singapore, 'BR')).toBe(0);

    const malformed = await graphql(manager, {
      query: SCREEN_QUERIES.Map,
      variables: { bbox: singapore, zoom: 11, layers, country: 'sg' },
    });
    expect(malformed.body.data).toBeNull();
    expect(JSON.stringify(malformed.body)).toMatch(/country/);
  });

  it('refuses a query that fans out past the cost limit, or nests past the depth limit, before running it', async () => {
    const token = await t.login('countrymanager.sg@fieldops.test');
    const box = '{ west: 103.8, south: 1.28, east: 103.9, north: 1.3 }';
    const aliases = Array.from({ length: 120 }, (_, i) => `m${i}: map(bbox: ${box}, zoom: 14) { records { id title kind lat lng } }`);
    calls.clear();
    const costly = await graphql(token, { query: `{ ${aliases.join(' ')} }` });
    expect(costly.status).toBe(400);
    expect(JSON.stringify(costly.body.errors)).toMatch(/costs about \d+/);
    expect(total(calls)).toBe(0);

    const deep = await graphql(token, { query: '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }' });
    expect(deep.status).toBe(400);
    expect(JSON.stringify(deep.body.errors)).toMatch(/depth/i);
  });

  it('a persisted query is looked up by its own name only, never by what an object inherits', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const answer = await graphql(token, { persisted: true, query: name });
      expect(answer.status, name).toBe(400);
      expect(JSON.stringify(answer.body), name).not.toMatch(/function|native code|Internal/);
    }
  });

  it('refuses thousands of nesting levels, a huge document and a thousand aliases with 400, before running anything', async () => {
    const token = await t.login('countrymanager.sg@fieldops.test');
    measuredToken = token;
    calls.clear();
    const deep = await graphql(token, { query: `${'{v'.repeat(3000)}${'}'.repeat(3000)}` });
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].message).toMatch(/nests 3000 levels deep/);
    const deepList = await graphql(token, { query: `{ viewer(x: ${'['.repeat(3000)}) { permissions } }` });
    expect(deepList.status).toBe(400);
    const huge = await graphql(token, { query: `{ viewer { permissions } } ${'#'.repeat(30_000)}` });
    expect(huge.status).toBe(400);
    const tokens = await graphql(token, { query: `{ viewer { ${'a '.repeat(6000)} } }` });
    expect(tokens.status).toBe(400);
    expect(JSON.stringify(tokens.body.errors)).toMatch(/tokens/);
    const aliases = Array.from({ length: 1000 }, (_, i) => `v${i}:__typename`);
    const aliased = await graphql(token, { query: `{ ${aliases.join(' ')} }` });
    expect(aliased.status).toBe(400);
    expect(JSON.stringify(aliased.body.errors)).toMatch(/1000 aliases/);
    expect(total(calls)).toBe(0);
  });

  it('a ticket detail holds the ticket, its merchant, its timeline and each SLA clock explained; the merchant detail its open tickets', async () => {
    const rep = await t.login('rep1.sg@fieldops.test');
    const merchant = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: 'Broken Till Pte Ltd', category: 'grocery', businessId: '201912345K', lat: 1.2903, lng: 103.8519 },
    });
    const opened = await t.api('POST', '/api/v1/tickets', {
      token: rep,
      body: {
        type: 'data-correction',
        merchantId: merchant.body.id,
        title: 'Till drawer stuck',
        fields: { field: 'address', correctValue: '2 North Bridge Road' },
      },
    });
    expect(opened.status).toBe(201);
    const comment = await t.api('POST', `/api/v1/tickets/${opened.body.id}/comments`, { token: rep, body: { body: 'On my way' } });
    expect(comment.status).toBe(201);

    const answer = await graphql(rep, { query: SCREEN_QUERIES.TicketDetail, variables: { id: opened.body.id } });
    expect(answer.body.errors).toBeUndefined();
    const detail = answer.body.data.ticketDetail;
    expect(detail.ticket).toMatchObject({ id: opened.body.id, title: 'Till drawer stuck', merchant: { id: merchant.body.id } });
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['commented', 'opened']);
    expect(detail.comments).toEqual([
      expect.objectContaining({ body: 'On my way', author: expect.objectContaining({ name: expect.any(String) }) }),
    ]);
    const clocks = detail.sla.clocks.map((c: { clock: string }) => c.clock);
    expect(clocks).toContain('resolution');
    const resolution = detail.sla.clocks.find((c: { clock: string }) => c.clock === 'resolution');
    expect(resolution.intervals.length).toBeGreaterThan(0);

    const merchantDetail = await graphql(rep, { query: SCREEN_QUERIES.MerchantDetail, variables: { id: merchant.body.id } });
    expect(merchantDetail.body.data.merchantDetail.openTickets.map((x: { id: string }) => x.id)).toEqual([opened.body.id]);

    // Outside the caller's scope the ticket is not there.
    const otherTeam = await t.login('rep6.sg@fieldops.test');
    const hidden = await graphql(otherTeam, { query: SCREEN_QUERIES.TicketDetail, variables: { id: opened.body.id } });
    expect(hidden.body.data.ticketDetail).toBeNull();
  });

  it('without a token it answers 401 problem+json', async () => {
    const answer = await graphql(undefined, { query: '{ viewer { user { id } } }' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });
});
