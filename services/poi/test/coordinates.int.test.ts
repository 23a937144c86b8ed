import { distanceMeters, fromWgs84, wgs84ToGcj02 } from '@fieldops/geo';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlace, poiDb, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

// People's Square, Shanghai, in WGS-84 (OpenStreetMap), and what a Chinese map app shows for it (GCJ-02).
const PEOPLES_SQUARE = { lat: 31.23136, lng: 121.47004 };
const PEOPLES_SQUARE_GCJ = wgs84ToGcj02(PEOPLES_SQUARE);

describe.each(engines)('coordinate systems at the edge on $name', (database) => {
  let t: TestHost;
  let cnRep: string;
  let sgRep: string;
  beforeAll(async () => {
    t = await startPoiHost(database);
    cnRep = await t.login('rep1.cn@fieldops.test');
    sgRep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const stored = (id: string) =>
    poiDb(t).selectFrom('place').select(['lat', 'lng', 'h3_r9']).where('id', '=', id).executeTakeFirstOrThrow();

  it("a CN rep's GCJ-02 point is stored in WGS-84 and answered in GCJ-02 again (round trip under 1 m)", async () => {
    expect(distanceMeters(PEOPLES_SQUARE, PEOPLES_SQUARE_GCJ)).toBeGreaterThan(100);
    const res = await t.api('POST', '/api/v1/places', {
      token: cnRep,
      body: aPlace({ name: '星巴克（人民广场店）', ...PEOPLES_SQUARE_GCJ }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.coords).toBe('GCJ02');
    expect(res.body.country).toBe('CN');
    expect(distanceMeters(res.body, PEOPLES_SQUARE_GCJ)).toBeLessThan(1);
    const row = await stored(res.body.id);
    expect(distanceMeters(row, PEOPLES_SQUARE)).toBeLessThan(1);

    const read = await t.api('GET', `/api/v1/places/${res.body.id}`, { token: cnRep });
    expect(distanceMeters(read.body, PEOPLES_SQUARE_GCJ)).toBeLessThan(1);
    const asWgs = await t.api('GET', `/api/v1/places/${res.body.id}?coords=WGS84`, { token: cnRep });
    expect(asWgs.body.coords).toBe('WGS84');
    expect(distanceMeters(asWgs.body, PEOPLES_SQUARE)).toBeLessThan(1);
  });

  it('a CN rep searching at the GCJ-02 point finds the place right there', async () => {
    const created = await t.api('POST', '/api/v1/places', {
      token: cnRep,
      body: aPlace({ name: '瑞幸咖啡（人民广场店）', ...PEOPLES_SQUARE_GCJ }),
    });
    const route = `/api/v1/places/nearby?lat=${PEOPLES_SQUARE_GCJ.lat}&lng=${PEOPLES_SQUARE_GCJ.lng}&radius=50`;
    const res = await t.api('GET', route, { token: cnRep });
    const found = res.body.items.find((i: { id: string }) => i.id === created.body.id);
    expect(found.distance).toBeLessThan(1);
    expect(distanceMeters(found, PEOPLES_SQUARE_GCJ)).toBeLessThan(1);
  });

  it('a client may speak BD-09 instead, with ?coords=BD09', async () => {
    const bd = fromWgs84(PEOPLES_SQUARE, 'BD09');
    const res = await t.api('POST', '/api/v1/places?coords=BD09', { token: cnRep, body: aPlace({ ...bd }) });
    expect(res.body.coords).toBe('BD09');
    expect(distanceMeters(res.body, bd)).toBeLessThan(1);
    expect(distanceMeters(await stored(res.body.id), PEOPLES_SQUARE)).toBeLessThan(1);
  });

  it("an SG rep's point is stored and answered untouched", async () => {
    const point = { lat: 1.28389, lng: 103.85121 };
    const res = await t.api('POST', '/api/v1/places', { token: sgRep, body: aPlace(point) });
    expect(res.body).toMatchObject({ ...point, coords: 'WGS84' });
    expect(await stored(res.body.id)).toMatchObject(point);
    // GCJ-02 is the identity outside China: even a client asking for it gets the same numbers.
    expect((await t.api('GET', `/api/v1/places/${res.body.id}?coords=GCJ02`, { token: sgRep }).then((r) => r.body)).lat).toBe(point.lat);
  });

  it('an update from a CN rep converts the new point too', async () => {
    const created = await t.api('POST', '/api/v1/places', { token: cnRep, body: aPlace({ ...PEOPLES_SQUARE_GCJ }) });
    const moved = { lat: 31.2397, lng: 121.4998 };
    const patch = await t.api('PATCH', `/api/v1/places/${created.body.id}`, { token: cnRep, body: wgs84ToGcj02(moved) });
    expect(patch.status).toBe(200);
    expect(distanceMeters(await stored(created.body.id), moved)).toBeLessThan(1);
  });

  it('an unknown coordinate system is a 400 naming coords', async () => {
    const res = await t.api('GET', '/api/v1/places/nearby?lat=1&lng=1&coords=ED50', { token: sgRep });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('/query/coords');
  });
});
