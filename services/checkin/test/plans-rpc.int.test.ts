import { Code, ConnectError } from '@connectrpc/connect';
import { CheckinService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCheckIn, aMerchantAt, expectProblem, north, outboxOf, startCheckinHost, userId } from './checkin-fixtures';

const engines = await databaseEngines();
const HOME = { lat: 1.3, lng: 103.83 };
const DATE = '2026-12-01';

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('day plans and the checkin RPC on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let repId: string;
  const shops: string[] = [];
  beforeAll(async () => {
    t = await startCheckinHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    rep = await t.login('rep4.sg@fieldops.test');
    repId = await userId(t, 'rep4.sg@fieldops.test');
    // Shops 1, 5, 2 and 4 km north of home, in that (poor) listed order.
    for (const km of [1, 5, 2, 4]) shops.push(await aMerchantAt(t, rep, north(HOME, km * 1000)));
  });
  afterAll(async () => t?.stop());

  it('orders the stops of a day (nearest first from the start), with distance, travel time and arrival times', async () => {
    const body = { start: HOME, stops: shops.map((targetId) => ({ targetType: 'merchant', targetId })) };
    const res = await t.api('PUT', `/api/v1/plans/${DATE}`, { token: rep, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stops.map((s: { targetId: string }) => s.targetId)).toEqual([shops[0], shops[2], shops[3], shops[1]]);
    expect(res.body.totalDistanceM).toBeGreaterThan(4_990);
    expect(res.body.totalDistanceM).toBeLessThan(5_010);
    // Singapore plans at 20 km/h: 5 km is 15 minutes.
    expect(res.body.travelSeconds).toBe(900);
    // The day starts at 09:00 Singapore time; 1 km at 20 km/h is 3 minutes.
    expect(res.body.stops[0].arriveAt).toBe('2026-12-01T01:03:00.000Z');
    expect(res.body).toMatchObject({ repId, date: DATE, version: 1 });
    expect((await outboxOf(t, res.body.id)).map((e) => e.type)).toEqual(['checkin.plan.updated.v1']);
    expect((await t.api('GET', `/api/v1/plans/${DATE}`, { token: rep })).body).toMatchObject({ id: res.body.id, version: 1 });
  });

  it('reading and setting a day that does not exist are both 400 naming the date', async () => {
    const body = { stops: [{ targetType: 'merchant', targetId: shops[0] }] };
    for (const day of ['2026-13-45', '2026-02-30', '26-1-1']) {
      expectProblem(await t.api('GET', `/api/v1/plans/${day}`, { token: rep }), 400, '/params/date');
      expectProblem(await t.api('PUT', `/api/v1/plans/${day}`, { token: rep, body }), 400, '/params/date');
    }
  });

  it('keeps a fixed-time appointment: the far shop due at 09:30 comes first', async () => {
    const stops = shops.map((targetId) => ({ targetType: 'merchant', targetId }));
    stops[1] = { ...stops[1], appointmentAt: '2026-12-01T01:30:00.000Z' } as (typeof stops)[number];
    const res = await t.api('PUT', `/api/v1/plans/${DATE}`, { token: rep, body: { start: HOME, stops } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stops[0]).toMatchObject({ targetId: shops[1], appointmentAt: '2026-12-01T01:30:00.000Z', late: false });
    expect(Date.parse(res.body.stops[0].arriveAt)).toBeLessThanOrEqual(Date.parse('2026-12-01T01:30:00.000Z'));
    expect(res.body.version).toBe(2);
  });

  it('a team lead reads and sets plans of their team only; a rep cannot read another rep', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    expect((await t.api('GET', `/api/v1/plans/${DATE}?repId=${repId}`, { token: lead })).status).toBe(200);
    const set = await t.api('PUT', `/api/v1/plans/2026-12-02?repId=${repId}`, {
      token: lead,
      body: { stops: [{ targetType: 'merchant', targetId: shops[0] }] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.repId).toBe(repId);
    const otherLead = await t.login('teamlead2.sg@fieldops.test');
    expectProblem(await t.api('GET', `/api/v1/plans/${DATE}?repId=${repId}`, { token: otherLead }), 404);
    const otherRep = await t.login('rep5.sg@fieldops.test');
    expectProblem(await t.api('GET', `/api/v1/plans/${DATE}?repId=${repId}`, { token: otherRep }), 404);
    expectProblem(
      await t.api('PUT', `/api/v1/plans/${DATE}`, { token: otherRep, body: { stops: [{ targetType: 'merchant', targetId: shops[0] }] } }),
      422,
      '/body/stops/0/targetId',
    );
  });

  it('GetVisit and ListVisits answer within the caller scope; ExportVisits needs a service identity', async () => {
    const visits = () => t.host.runtime.rpc.client(CheckinService);
    const ids: string[] = [];
    for (const [i, targetId] of shops.entries()) {
      const deviceTime = new Date(Date.now() - (4 - i) * 3_600_000).toISOString();
      const res = await t.api('POST', '/api/v1/visits', {
        token: rep,
        body: aCheckIn(targetId, north(HOME, ([1, 5, 2, 4][i] ?? 0) * 1000), { deviceTime, offline: true }),
      });
      ids.push(res.body.id);
    }
    const { visit } = await visits().getVisit({ id: ids[0] ?? '' }, asCaller(rep));
    expect(visit).toMatchObject({ id: ids[0], repId, targetType: 'merchant', verification: 'open', version: 1n });
    const other = await t.login('rep5.sg@fieldops.test');
    expect(await failureOf(visits().getVisit({ id: ids[0] ?? '' }, asCaller(other)))).toBe(Code.NotFound);

    const first = await visits().listVisits({ repId, limit: 3 }, asCaller(rep));
    expect(first.visits.map((v) => v.id)).toEqual(ids.slice(0, 3));
    const second = await visits().listVisits({ repId, limit: 3, pageToken: first.nextPageToken }, asCaller(rep));
    expect(second.visits.map((v) => v.id)).toEqual(ids.slice(3));
    expect(second.nextPageToken).toBe('');
    const atShop = await visits().listVisits({ targetType: 'merchant', targetId: shops[2] ?? '' }, asCaller(rep));
    expect(atShop.visits.map((v) => v.id)).toEqual([ids[2]]);
    expect((await visits().listVisits({ repId }, asCaller(other))).visits).toEqual([]);

    expect(await failureOf(visits().exportVisits({}, asCaller(rep)))).toBe(Code.PermissionDenied);
    const service = asCaller(await t.host.runtime.serviceTokens('search'));
    const page1 = await visits().exportVisits({ limit: 2 }, service);
    const page2 = await visits().exportVisits({ afterId: page1.nextAfterId, limit: 2 }, service);
    const page3 = await visits().exportVisits({ afterId: page2.nextAfterId, limit: 2 }, service);
    expect([...page1.visits, ...page2.visits, ...page3.visits].map((v) => v.id)).toEqual([...ids].sort());
    expect(page3.nextAfterId).toBe('');
  });
});
