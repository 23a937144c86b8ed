import { validateEventData } from '@fieldops/contracts';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlace, expectProblem, ifMatch, outboxOf, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

describe.each(engines)('places on $name', (database) => {
  let t: TestHost;
  let rep: string;
  beforeAll(async () => {
    t = await startPoiHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const create = (body: unknown, token = rep, headers: Record<string, string> = {}) =>
    t.api('POST', '/api/v1/places', { token, body, headers });
  const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))].sort();

  it('a create answers 201 with Location and ETag, stores the phone in E.164 and writes poi.place.created.v1', async () => {
    const res = await create(aPlace({ name: '  Ah Hock Chicken Rice ', phone: '9123 4567', category: 'restaurant' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/places/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      name: 'Ah Hock Chicken Rice',
      phone: '+6591234567',
      country: 'SG',
      category: 'restaurant',
      source: 'rep',
      status: 'active',
      mergedInto: null,
      areaId: null,
      coords: 'WGS84',
      version: 1,
    });
    const events = await outboxOf(t, res.body.id);
    expect(events.map((e) => e.type)).toEqual(['poi.place.created.v1']);
    expect(events[0]?.data).toMatchObject({ id: res.body.id, phone: '+6591234567', lat: 1.2903, lng: 103.8519 });
    expect(validateEventData('poi.place.created.v1', events[0]?.data)).toEqual({ ok: true });
  });

  it('a create with an impossible latitude, an unknown category and a bad phone names each field', async () => {
    const res = await create(aPlace({ lat: 91, category: 'spaceport', phone: 12 }));
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['/body/category', '/body/lat', '/body/phone']);
  });

  it('a phone that is no number of the country is a 400 naming the phone', async () => {
    expectProblem(await create(aPlace({ phone: '12345' })), 400, '/body/phone');
    expectProblem(await create(aPlace({ phone: '+5511987654321' })), 400, '/body/phone');
  });

  it('a longitude out of range and a missing name are named', async () => {
    const { name: _name, ...body } = aPlace({ lng: 181 });
    const res = await create(body);
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['/body/lng', '/body/name']);
  });

  it('a rep cannot add a place in another country', async () => {
    expectProblem(await create(aPlace({ country: 'BR', lat: -23.55, lng: -46.63 })), 422, '/body/country');
  });

  it('the same Idempotency-Key and body answer the first response again and create one place', async () => {
    const body = aPlace();
    const headers = { 'idempotency-key': `place-${body.name}` };
    const first = await create(body, rep, headers);
    const replay = await create(body, rep, headers);
    expect(first.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expectProblem(await create(aPlace(), rep, headers), 422, '/headers/idempotency-key');
  });

  it('a read answers the place with its ETag', async () => {
    const created = await create(aPlace());
    const read = await t.api('GET', `/api/v1/places/${created.body.id}`, { token: rep });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(created.body);
    expectProblem(await t.api('GET', '/api/v1/places/01900000-0000-7000-8000-000000000000', { token: rep }), 404);
  });

  it('an update with the ETag read changes the place, writes poi.place.updated.v1, and a stale one is 412', async () => {
    const created = await create(aPlace());
    const read = await t.api('GET', `/api/v1/places/${created.body.id}`, { token: rep });
    const patch = await t.api('PATCH', `/api/v1/places/${created.body.id}`, {
      token: rep,
      body: { name: 'Renamed Kopitiam', phone: '+65 6123 4567', lat: 1.3, lng: 103.86 },
      headers: ifMatch(read),
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    expect(patch.body).toMatchObject({ name: 'Renamed Kopitiam', phone: '+6561234567', lat: 1.3, lng: 103.86, version: 2 });
    expect(patch.headers.get('etag')).toBe('"2"');
    const stale = await t.api('PATCH', `/api/v1/places/${created.body.id}`, {
      token: rep,
      body: { name: 'Again' },
      headers: ifMatch(read),
    });
    expectProblem(stale, 412);
    const events = await outboxOf(t, created.body.id);
    expect(events.map((e) => e.type)).toEqual(['poi.place.created.v1', 'poi.place.updated.v1']);
    expect(events[1]?.data).toMatchObject({ name: 'Renamed Kopitiam', version: 2, lat: 1.3 });
  });

  it('moving a place takes lat and lng together', async () => {
    const created = await create(aPlace());
    expectProblem(await t.api('PATCH', `/api/v1/places/${created.body.id}`, { token: rep, body: { lat: 1.31 } }), 400, '/body/lng');
  });

  it('an empty update is refused', async () => {
    const created = await create(aPlace());
    expectProblem(await t.api('PATCH', `/api/v1/places/${created.body.id}`, { token: rep, body: {} }), 400);
  });

  it('without a token the API answers 401', async () => {
    expectProblem(await t.api('POST', '/api/v1/places', { body: aPlace() }), 401);
  });
});
