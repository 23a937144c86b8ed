import { randomUUID } from 'node:crypto';
import { databaseEngines, serviceDb, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCheckIn, aCheckOut, aMerchantAt, checkinDb, expectProblem, north, outboxOf, startCheckinHost, userId } from './checkin-fixtures';

const engines = await databaseEngines();
const SHOP = { lat: 1.2903, lng: 103.8519 };

describe.each(engines)('check-in and check-out on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let merchant: string;
  beforeAll(async () => {
    t = await startCheckinHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    rep = await t.login('rep1.sg@fieldops.test');
    merchant = await aMerchantAt(t, rep, SHOP);
  });
  afterAll(async () => t?.stop());

  it('a rep checks in at their merchant: 201, open, the distance and both times kept, a checked-in event', async () => {
    const body = aCheckIn(merchant, north(SHOP, 40));
    const res = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      id: body.id,
      repId: await userId(t, 'rep1.sg@fieldops.test'),
      targetType: 'merchant',
      targetId: merchant,
      country: 'SG',
      verification: 'open',
      coords: 'WGS84',
      riskSignals: [],
      version: 1,
    });
    expect(res.body.distanceM).toBeGreaterThan(35);
    expect(res.body.distanceM).toBeLessThan(45);
    expect(Date.parse(res.body.receivedAt)).toBeGreaterThanOrEqual(Date.parse(body.deviceTime));
    // A live check-in is recorded at the server's time; the device's clock is kept as evidence.
    expect(res.body.checkedInAt).toBe(res.body.receivedAt);
    expect((await outboxOf(t, body.id)).map((e) => e.type)).toEqual(['checkin.visit.checked-in.v1']);
    expect((await t.api('GET', `/api/v1/visits/${body.id}`, { token: rep })).body).toMatchObject({ id: body.id, version: 1 });
  });

  it('a replay of the same check-in answers 200 with the same visit; the same id with another body is a 409', async () => {
    // 9.379999999999999 has more digits than MariaDB gives back: the replay (read from the row) must still match.
    const body = aCheckIn(merchant, north(SHOP, 12.3456789), { accuracyM: 4 + 5.38 });
    const first = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(first.status).toBe(201);
    const again = await t.api('POST', '/api/v1/visits', { token: rep, body: { ...body } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    expectProblem(await t.api('POST', '/api/v1/visits', { token: rep, body: { ...body, accuracyM: 3 } }), 409, '/body/id');
    expect((await outboxOf(t, body.id)).length).toBe(1);
  });

  it("a replay answers the stored visit even once the target has left the rep's scope; a new check-in there is refused", async () => {
    const rep11 = await t.login('rep11.sg@fieldops.test');
    const shop = await aMerchantAt(t, rep11, SHOP);
    const body = aCheckIn(shop, north(SHOP, 20), { offline: true });
    const first = await t.api('POST', '/api/v1/visits', { token: rep11, body });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The shop is handed to another rep after the visit was made; the app resends the queued check-in afterwards.
    const merchants = serviceDb<{ merchant: { id: string; owner_id: string | null } }>(t, 'merchant');
    await merchants
      .updateTable('merchant')
      .set({ owner_id: await userId(t, 'rep12.sg@fieldops.test') })
      .where('id', '=', shop)
      .execute();
    const again = await t.api('POST', '/api/v1/visits', { token: rep11, body });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    expectProblem(await t.api('POST', '/api/v1/visits', { token: rep11, body: aCheckIn(shop, north(SHOP, 20)) }), 422, '/body/targetId');
    expect((await outboxOf(t, body.id)).length).toBe(1);
  });

  /** `fieldops_business_events_total` of Singapore's refused check-ins. */
  const refusedCount = async () =>
    (await t.host.runtime.metrics.businessEvents.get()).values.find(
      (v) => v.labels.event === 'checkin.visit.checked-in' && v.labels.country === 'SG' && v.labels.outcome === 'refused',
    )?.value ?? 0;

  it('refuses a client id that is not a UUID or is the nil UUID, and a target the rep cannot see', async () => {
    const refusedBefore = await refusedCount();
    for (const id of ['visit-1', '00000000-0000-0000-0000-000000000000']) {
      expectProblem(await t.api('POST', '/api/v1/visits', { token: rep, body: aCheckIn(merchant, SHOP, { id }) }), 400, '/body/id');
    }
    expectProblem(await t.api('POST', '/api/v1/visits', { token: rep, body: aCheckIn(randomUUID(), SHOP) }), 422, '/body/targetId');
    const other = await t.login('rep2.sg@fieldops.test');
    expectProblem(await t.api('POST', '/api/v1/visits', { token: other, body: aCheckIn(merchant, SHOP) }), 422, '/body/targetId');
    // The two refusals (not the malformed requests) count as refused check-ins in the rep's country.
    expect(await refusedCount()).toBe(refusedBefore + 2);
  });

  it("checks out with the template's answers: dwell time from device times, verified, a checked-out event", async () => {
    const checkedInAt = new Date(Date.now() - 25 * 60_000).toISOString();
    const body = aCheckIn(merchant, SHOP, { deviceTime: checkedInAt, offline: true });
    expect((await t.api('POST', '/api/v1/visits', { token: rep, body })).status).toBe(201);
    const out = await t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep, body: aCheckOut(new Date().toISOString()) });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body).toMatchObject({ verification: 'verified', outcome: 'met-owner', answers: { terminalWorking: true }, version: 2 });
    expect(out.body.dwellSeconds).toBeGreaterThanOrEqual(25 * 60 - 1);
    expect(out.body.dwellSeconds).toBeLessThan(26 * 60);
    expect((await outboxOf(t, body.id)).map((e) => e.type)).toEqual(['checkin.visit.checked-in.v1', 'checkin.visit.checked-out.v1']);
  });

  it('refuses answers the template does not accept, naming each question; nothing is written', async () => {
    const body = aCheckIn(merchant, SHOP);
    await t.api('POST', '/api/v1/visits', { token: rep, body });
    const bad = await t.api('POST', `/api/v1/visits/${body.id}/check-out`, {
      token: rep,
      body: aCheckOut(new Date().toISOString(), { answers: { stockOfQrStands: 'shiny', transactionsToday: -1, colour: 'red' } }),
    });
    expectProblem(
      bad,
      422,
      '/body/answers/terminalWorking',
      '/body/answers/stockOfQrStands',
      '/body/answers/transactionsToday',
      '/body/answers/colour',
    );
    expect((await t.api('GET', `/api/v1/visits/${body.id}`, { token: rep })).body).toMatchObject({ verification: 'open', version: 1 });
  });

  it('flags a check-in far from the target where the country flags (SG), and sends it to review at check-out', async () => {
    const body = aCheckIn(merchant, north(SHOP, 900));
    const res = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.riskSignals).toEqual([expect.objectContaining({ code: 'far-from-target', weight: 50 })]);
    const out = await t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep, body: aCheckOut(new Date().toISOString()) });
    expect(out.body).toMatchObject({ verification: 'pending-review', riskScore: 50 });
    expect((await outboxOf(t, body.id)).map((e) => e.type)).toEqual([
      'checkin.visit.checked-in.v1',
      'checkin.visit.checked-out.v1',
      'checkin.visit.flagged.v1',
    ]);
  });

  it('rejects a check-in out of range where the country rejects (BR), naming lat and lng with distance and radius', async () => {
    const br = await t.login('rep1.br@fieldops.test');
    const shop = { lat: -23.5505, lng: -46.6333 };
    const target = await aMerchantAt(t, br, shop, { businessId: '11.222.333/0001-81' });
    const far = await t.api('POST', '/api/v1/visits', { token: br, body: aCheckIn(target, north(shop, 600)) });
    expectProblem(far, 422, '/body/lat', '/body/lng');
    expect(far.body.errors[0].message).toMatch(/is 600 m from .*within 250 m/);
    const near = await t.api('POST', '/api/v1/visits', { token: br, body: aCheckIn(target, north(shop, 100)) });
    expect(near.status, JSON.stringify(near.body)).toBe(201);
  });

  it('takes GCJ-02 coordinates from China and stores WGS-84 (the geofence measures like with like)', async () => {
    const cn = await t.login('rep1.cn@fieldops.test');
    const gcj = { lat: 31.2304, lng: 121.4737 };
    const target = await aMerchantAt(t, cn, gcj, { businessId: '91110000600037341L' });
    const res = await t.api('POST', '/api/v1/visits', { token: cn, body: aCheckIn(target, gcj) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.coords).toBe('GCJ02');
    expect(res.body.distanceM).toBeLessThan(1);
    expect(res.body.lat).toBeCloseTo(gcj.lat, 6);
    const wgs = await t.api('GET', `/api/v1/visits/${res.body.id}?coords=WGS84`, { token: cn });
    expect(Math.abs(wgs.body.lng - gcj.lng)).toBeGreaterThan(0.003);
  });

  it('holds a check-out that arrives before its check-in, and applies it when the check-in comes', async () => {
    const checkedInAt = Date.now() - 40 * 60_000;
    const body = aCheckIn(merchant, SHOP, { deviceTime: new Date(checkedInAt).toISOString(), offline: true });
    const early = await t.api('POST', `/api/v1/visits/${body.id}/check-out`, {
      token: rep,
      body: aCheckOut(new Date(checkedInAt + 15 * 60_000).toISOString()),
    });
    expect(early.status, JSON.stringify(early.body)).toBe(202);
    expect(early.body).toEqual({ visitId: body.id, status: 'held' });
    expectProblem(await t.api('GET', `/api/v1/visits/${body.id}`, { token: rep }), 404);
    const arrived = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(arrived.status).toBe(201);
    expect(arrived.body).toMatchObject({ verification: 'verified', dwellSeconds: 900, version: 2 });
    expect(arrived.body.checkOutReceivedAt).toEqual(expect.any(String));
    expect((await outboxOf(t, body.id)).map((e) => e.type)).toEqual(['checkin.visit.checked-in.v1', 'checkin.visit.checked-out.v1']);
  });

  it("lists a day's visits in the caller's timezone, in device-time order", async () => {
    const rep5 = await t.login('rep5.sg@fieldops.test');
    const shop = await aMerchantAt(t, rep5, SHOP);
    // 23:30 on one day and 00:10, 00:30 on the next in Singapore (UTC+8), three days ago: offline, within the week.
    const day0 = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const day1 = new Date(Date.parse(day0) + 86_400_000).toISOString().slice(0, 10);
    const late = aCheckIn(shop, SHOP, { deviceTime: `${day0}T15:30:00.000Z`, offline: true });
    const early = aCheckIn(shop, SHOP, { deviceTime: `${day0}T16:30:00.000Z`, offline: true });
    const earlier = aCheckIn(shop, SHOP, { deviceTime: `${day0}T16:10:00.000Z`, offline: true });
    for (const body of [late, early, earlier]) expect((await t.api('POST', '/api/v1/visits', { token: rep5, body })).status).toBe(201);
    const day = await t.api('GET', `/api/v1/visits?date=${day1}`, { token: rep5 });
    expect(day.body.items.map((v: { id: string }) => v.id)).toEqual([earlier.id, early.id]);
    expectProblem(await t.api('GET', '/api/v1/visits?date=2026-02-30', { token: rep5 }), 400, '/query/date');
  });

  it("answers the total over every page when asked (withTotal=true), in the caller's scope only", async () => {
    const rep6 = await t.login('rep6.sg@fieldops.test');
    const shop = await aMerchantAt(t, rep6, SHOP);
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    for (const minute of [10, 20, 30]) {
      const body = aCheckIn(shop, SHOP, { deviceTime: `${day}T04:${minute}:00.000Z`, offline: true });
      expect((await t.api('POST', '/api/v1/visits', { token: rep6, body })).status).toBe(201);
    }
    const page = await t.api('GET', `/api/v1/visits?date=${day}&limit=1&withTotal=true`, { token: rep6 });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).not.toBeNull();
    expect(page.body.total).toBe(3);
    // Without asking, no total; another rep's scope counts none of them.
    expect((await t.api('GET', `/api/v1/visits?date=${day}&limit=1`, { token: rep6 })).body.total).toBeUndefined();
    const other = await t.api('GET', `/api/v1/visits?date=${day}&repId=${await userId(t, 'rep6.sg@fieldops.test')}&withTotal=true`, {
      token: await t.login('rep1.sg@fieldops.test'),
    });
    expect(other.body).toMatchObject({ items: [], total: 0 });
    expectProblem(await t.api('GET', '/api/v1/visits?withTotal=maybe', { token: rep6 }), 400, '/query/withTotal');
  });

  it('keeps a held check-out the template refuses, with its reason, until a valid check-out settles the visit', async () => {
    const body = aCheckIn(merchant, SHOP, { deviceTime: new Date(Date.now() - 30 * 60_000).toISOString(), offline: true });
    const bad = aCheckOut(new Date().toISOString(), { answers: { terminalWorking: 'maybe' } });
    expect((await t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep, body: bad })).status).toBe(202);
    const arrived = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(arrived.body).toMatchObject({ verification: 'open', version: 1 });
    const held = await checkinDb(t).selectFrom('pending_check_out').selectAll().where('visit_id', '=', body.id).executeTakeFirst();
    expect(held?.problem).toContain('/body/answers/terminalWorking');
    const fixed = await t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep, body: aCheckOut(new Date().toISOString()) });
    expect(fixed.body).toMatchObject({ verification: 'verified', version: 2 });
    expect(await checkinDb(t).selectFrom('pending_check_out').selectAll().where('visit_id', '=', body.id).execute()).toEqual([]);
  });

  it('the same offline visit uploaded five times at once is stored once: one 201, the rest 200 or 202', async () => {
    const at = Date.now() - 50 * 60_000;
    const body = aCheckIn(merchant, SHOP, { deviceTime: new Date(at).toISOString(), offline: true });
    const out = aCheckOut(new Date(at + 20 * 60_000).toISOString());
    const outs = await Promise.all(
      Array.from({ length: 5 }, () => t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep, body: out })),
    );
    expect(outs.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const ins = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/api/v1/visits', { token: rep, body })));
    expect(ins.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect((await checkinDb(t).selectFrom('visit').select('id').where('id', '=', body.id).execute()).length).toBe(1);
    expect((await outboxOf(t, body.id)).map((e) => e.type)).toEqual(['checkin.visit.checked-in.v1', 'checkin.visit.checked-out.v1']);
    expect((await t.api('GET', `/api/v1/visits/${body.id}`, { token: rep })).body).toMatchObject({
      verification: 'verified',
      dwellSeconds: 1200,
    });
  });

  it("a device clock set to 2030 does not date the visit: the server's time is recorded, the clock is flagged", async () => {
    const rep6 = await t.login('rep6.sg@fieldops.test');
    const shop = await aMerchantAt(t, rep6, SHOP);
    const body = aCheckIn(shop, SHOP, { deviceTime: '2030-01-01T08:00:00.000Z' });
    const res = await t.api('POST', '/api/v1/visits', { token: rep6, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.checkedInAt).toBe(res.body.receivedAt);
    expect(res.body.riskSignals.map((s: { code: string }) => s.code)).toContain('clock-skew');
    const stored = await checkinDb(t)
      .selectFrom('visit')
      .select(['checked_in_at', 'device_checked_in_at'])
      .where('id', '=', body.id)
      .executeTakeFirst();
    expect(Number(stored?.device_checked_in_at)).toBe(Date.parse('2030-01-01T08:00:00.000Z'));
    expect(Number(stored?.checked_in_at)).toBe(Date.parse(res.body.receivedAt));
  });

  it('an offline check-in keeps its device time, never later than the server time, and is refused when over a week old', async () => {
    const rep7 = await t.login('rep7.sg@fieldops.test');
    const shop = await aMerchantAt(t, rep7, SHOP);
    const future = aCheckIn(shop, SHOP, { deviceTime: '2030-01-01T08:00:00.000Z', offline: true });
    const ahead = await t.api('POST', '/api/v1/visits', { token: rep7, body: future });
    expect(ahead.status, JSON.stringify(ahead.body)).toBe(201);
    expect(ahead.body.checkedInAt).toBe(ahead.body.receivedAt);

    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const recent = await t.api('POST', '/api/v1/visits', {
      token: rep7,
      body: aCheckIn(shop, SHOP, { deviceTime: twoDaysAgo, offline: true }),
    });
    expect(recent.status, JSON.stringify(recent.body)).toBe(201);
    expect(recent.body.checkedInAt).toBe(twoDaysAgo);

    const stale = aCheckIn(shop, SHOP, { deviceTime: new Date(Date.now() - 8 * 86_400_000).toISOString(), offline: true });
    expectProblem(await t.api('POST', '/api/v1/visits', { token: rep7, body: stale }), 422, '/body/deviceTime');
    expect(await checkinDb(t).selectFrom('visit').select('id').where('id', '=', stale.id).execute()).toEqual([]);
  });
  it("finds the caller's own visit left open (state=open&mine=true), never another rep's, and not once it is checked out", async () => {
    const rep8 = await t.login('rep8.sg@fieldops.test');
    const rep9 = await t.login('rep9.sg@fieldops.test');
    const manager = await t.login('countrymanager.sg@fieldops.test');
    const mine = aCheckIn(await aMerchantAt(t, rep8, SHOP), SHOP);
    const theirs = aCheckIn(await aMerchantAt(t, rep9, SHOP), SHOP);
    expect((await t.api('POST', '/api/v1/visits', { token: rep8, body: mine })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/visits', { token: rep9, body: theirs })).status).toBe(201);
    const ids = async (token: string, query: string) =>
      (await t.api('GET', `/api/v1/visits?${query}`, { token })).body.items.map((v: { id: string }) => v.id);

    expect(await ids(rep8, 'state=open&mine=true')).toEqual([mine.id]);
    expect(await ids(rep9, 'state=open&mine=true')).toEqual([theirs.id]);
    // The manager sees both open visits in their scope, yet "mine" narrows to their own (none).
    expect(await ids(manager, 'state=open')).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await ids(manager, 'state=open&mine=true')).toEqual([]);
    // Another rep's id with mine=true answers nothing rather than widening the scope.
    expect(await ids(rep8, `state=open&mine=true&repId=${await userId(t, 'rep9.sg@fieldops.test')}`)).toEqual([]);

    const out = await t.api('POST', `/api/v1/visits/${mine.id}/check-out`, { token: rep8, body: aCheckOut(new Date().toISOString()) });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(await ids(rep8, 'state=open&mine=true')).toEqual([]);
    expect(await ids(rep8, 'state=closed&mine=true')).toEqual([mine.id]);
    expectProblem(await t.api('GET', '/api/v1/visits?state=half', { token: rep8 }), 400, '/query/state');
  });
});
