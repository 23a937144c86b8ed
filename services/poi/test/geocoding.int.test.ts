import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { distanceMeters, wgs84ToGcj02 } from '@fieldops/geo';
import { databaseEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeGeneratorService } from '../src/index';
import { startNominatim } from './nominatim-server';
import { aPlace, expectProblem, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

describe.each(engines)('geocoding with a Nominatim-compatible server (GEOCODER_URL) on $name', (database) => {
  let t: TestHost;
  let nominatim: Awaited<ReturnType<typeof startNominatim>>;
  beforeAll(async () => {
    nominatim = await startNominatim();
    t = await startPoiHost(database, { env: { GEOCODER_URL: nominatim.url, GEOCODER_USER_AGENT: 'FieldOps-int-test' } });
  });
  afterAll(async () => {
    await t?.stop();
    await nominatim?.close();
  });

  it('geocodes an address in the caller’s country through the server', async () => {
    const sg = await t.login('rep1.sg@fieldops.test');
    const res = await t.api('GET', `/api/v1/geocode?address=${encodeURIComponent('Raffles City')}`, { token: sg });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ name: 'Raffles City', lat: 1.2933657, lng: 103.8520443, coords: 'WGS84', source: 'nominatim' }),
    ]);
    expect(nominatim.seen.at(-1)?.userAgent).toBe('FieldOps-int-test');
  });

  it('answers a CN rep in GCJ-02 what the server answered in WGS-84', async () => {
    const cn = await t.login('rep1.cn@fieldops.test');
    const wgs = { lat: 31.2312176, lng: 121.4734508 };
    const gcj = wgs84ToGcj02(wgs);
    const res = await t.api('GET', `/api/v1/geocode/reverse?lat=${gcj.lat}&lng=${gcj.lng}`, { token: cn });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      address: '星巴克, 人民大道, 黄浦区, 上海市, 200001, 中国',
      country: 'CN',
      coords: 'GCJ02',
      source: 'nominatim',
    });
    expect(distanceMeters(res.body, gcj)).toBeLessThan(1);
    // The point asked about reached the server in WGS-84.
    expect(Number(nominatim.seen.at(-1)?.query.get('lat'))).toBeCloseTo(wgs.lat, 5);
  });

  it('answers 404 where the server knows nothing, and 503 when it fails', async () => {
    const sg = await t.login('rep1.sg@fieldops.test');
    expectProblem(await t.api('GET', '/api/v1/geocode/reverse?lat=0&lng=-30', { token: sg }), 404);
    expectProblem(await t.api('GET', '/api/v1/geocode?address=explode', { token: sg }), 503);
  });
});

describe.each(engines)('offline geocoding (no GEOCODER_URL) on $name', (database) => {
  let t: TestHost;
  let sg: string;
  let place: string;
  beforeAll(async () => {
    t = await startPoiHost(database);
    sg = await t.login('rep1.sg@fieldops.test');
    const body = aPlace({
      name: 'Ya Kun Kaya Toast (Far East Square)',
      address: '18 China Street, #01-01 Far East Square, Singapore 049560',
      lat: 1.2832,
      lng: 103.8475,
    });
    place = (await t.api('POST', '/api/v1/places', { token: sg, body })).body.id;
    await t.api('POST', '/api/v1/places', {
      token: sg,
      body: aPlace({ name: 'China Street Florist', address: '9 Telok Ayer Street, Singapore 068894', lat: 1.2818, lng: 103.8483 }),
    });
  });
  afterAll(async () => t?.stop());

  it('geocodes from the places already known, best match first', async () => {
    const res = await t.api('GET', `/api/v1/geocode?address=${encodeURIComponent('18 China Street')}`, { token: sg });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ placeId: place, source: 'places', lat: 1.2832, lng: 103.8475, country: 'SG' });
    const byName = await t.api('GET', `/api/v1/geocode?address=${encodeURIComponent('Ya Kun Far East Square')}`, { token: sg });
    expect(byName.body.items[0]?.placeId).toBe(place);
    const exactName = await t.api('GET', `/api/v1/geocode?address=${encodeURIComponent('ya kun kaya toast')}`, { token: sg });
    expect(exactName.body.items[0]?.placeId).toBe(place);
  });

  it('reverse-geocodes to the address of the nearest known place, and 404 far from any', async () => {
    const res = await t.api('GET', '/api/v1/geocode/reverse?lat=1.28325&lng=103.84755', { token: sg });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      placeId: place,
      source: 'places',
      address: '18 China Street, #01-01 Far East Square, Singapore 049560',
      areaPath: [],
    });
    expect(res.body.distance).toBeLessThan(10);
    expectProblem(await t.api('GET', '/api/v1/geocode/reverse?lat=1.45&lng=103.7', { token: sg }), 404);
  });

  it('a malformed GEOCODER_URL stops the start, naming it', async () => {
    await expect(startPoiHost(database, { env: { GEOCODER_URL: 'ftp://example.org' } })).rejects.toThrow(/GEOCODER_URL/);
  });
});

// On the embedded engine: the area service's own suites cover it on every database.
describe.each(engines.filter((e) => e.name === 'sqlite'))('offline geocoding and places with the area service on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, areaService, placeGeneratorService(300, { city: 'sg', seed: 5 })],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
  });
  afterAll(async () => t?.stop());

  it('answers the areas containing the point (from ResolveArea) with the nearest known address', async () => {
    const sg = await t.login('rep1.sg@fieldops.test');
    const res = await t.api('GET', '/api/v1/geocode/reverse?lat=1.2903&lng=103.8519', { token: sg });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.areaPath.length).toBeGreaterThan(0);
    expect(res.body.areaPath[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), level: expect.any(String) });
    expect(res.body.country).toBe('SG');
  });

  it('answers the country of a point that only the areas know', async () => {
    const sg = await t.login('rep1.sg@fieldops.test');
    // The middle of the Central Catchment: no shop within reach, but inside the demo territories.
    const res = await t.api('GET', '/api/v1/geocode/reverse?lat=1.3650&lng=103.8050', { token: sg });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ source: 'areas', country: 'SG', placeId: null });
  });

  it('geocodes an area’s name to a point inside it, with the address of its path', async () => {
    const sg = await t.login('rep1.sg@fieldops.test');
    const res = await t.api('GET', '/api/v1/geocode?address=Bishan', { token: sg });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const area = res.body.items.find((i: { source: string }) => i.source === 'areas');
    expect(area).toMatchObject({ name: 'Bishan', address: 'Bishan, Central Region, Singapore', country: 'SG', score: 1, placeId: null });
    const resolved = await t.api('POST', '/api/v1/areas/resolve?coords=WGS84', {
      token: sg,
      body: { points: [{ lat: area.lat, lng: area.lng }] },
    });
    expect(resolved.body.results[0].path.at(-1).name).toBe('Bishan');
  });

  it('refuses a Singapore place placed in São Paulo, naming the coordinates', async () => {
    const sg = await t.login('rep1.sg@fieldops.test');
    const res = await t.api('POST', '/api/v1/places?coords=WGS84', {
      token: sg,
      body: { name: 'Padaria Fora de Lugar', category: 'bakery', lat: -23.5505, lng: -46.6333 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/lat', '/body/lng']);
  });
});
