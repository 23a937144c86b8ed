import { Code, ConnectError } from '@connectrpc/connect';
import { PoiService } from '@fieldops/contracts';
import { distanceMeters } from '@fieldops/geo';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poiDb, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();
const SINGAPORE = { lat: 1.2903, lng: 103.8519 };

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('poi RPC on $name', (database) => {
  let t: TestHost;
  let sg: string;
  let br: string;
  let ids: string[];
  const poi = () => t.host.runtime.rpc.client(PoiService);
  beforeAll(async () => {
    t = await startPoiHost(database, { places: 600, city: 'sg', seed: 3 });
    sg = await t.login('rep1.sg@fieldops.test');
    br = await t.login('rep1.br@fieldops.test');
    ids = (await poiDb(t).selectFrom('place').select('id').orderBy('id').limit(3).execute()).map((r) => r.id);
  });
  afterAll(async () => t?.stop());

  it('GetPlace answers a place of the caller’s country, in WGS-84', async () => {
    const id = ids[0] ?? '';
    const { place } = await poi().getPlace({ id }, asCaller(sg));
    expect(place).toMatchObject({ id, country: 'SG', status: 'active', source: 'seed', version: 1n });
    expect(distanceMeters(SINGAPORE, { lat: place?.lat ?? 0, lng: place?.lng ?? 0 })).toBeLessThan(16_000);
    expect(await failureOf(poi().getPlace({ id }, asCaller(br)))).toBe(Code.NotFound);
  });

  it('BatchGetPlaces answers the places that exist and are visible', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const { places } = await poi().batchGetPlaces({ ids: [...ids, unknown] }, asCaller(sg));
    expect(places.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect((await poi().batchGetPlaces({ ids }, asCaller(br))).places).toEqual([]);
  });

  it('Nearby pages through the places nearest first, like the REST API', async () => {
    const seen: string[] = [];
    const distances: number[] = [];
    let cursor = '';
    do {
      const page = await poi().nearby({ ...SINGAPORE, radiusM: 1000, limit: 25, cursor }, asCaller(sg));
      for (const item of page.items) {
        seen.push(item.place?.id ?? '');
        distances.push(item.distanceM);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const rest = await t.api('GET', `/api/v1/places/nearby?lat=${SINGAPORE.lat}&lng=${SINGAPORE.lng}&radius=1000&limit=200`, { token: sg });
    expect(rest.body.nextCursor).toBeNull();
    expect(seen).toEqual(rest.body.items.map((i: { id: string }) => i.id));
    expect(seen.length).toBeGreaterThan(25);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it('Nearby refuses a radius over 50 km as an invalid argument', async () => {
    expect(await failureOf(poi().nearby({ ...SINGAPORE, radiusM: 60_000 }, asCaller(sg)))).toBe(Code.InvalidArgument);
    expect(await failureOf(poi().nearby({ ...SINGAPORE, radiusM: 100, cursor: 'bogus!' }, asCaller(sg)))).toBe(Code.InvalidArgument);
  });

  it('FindDuplicates scores a place described again', async () => {
    const row = await poiDb(t)
      .selectFrom('place')
      .selectAll()
      .where('id', '=', ids[1] ?? '')
      .executeTakeFirstOrThrow();
    const { candidates } = await poi().findDuplicates({ name: row.name, lat: row.lat, lng: row.lng }, asCaller(sg));
    expect(candidates[0]?.place?.id).toBe(row.id);
    expect(candidates[0]?.reasons).toEqual(['name', 'distance 0 m']);
  });

  /** Every page of PlacesInBoundingBox, walked with next_cursor. */
  async function walkBox(box: { minLat: number; minLng: number; maxLat: number; maxLng: number }, limit: number) {
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await poi().placesInBoundingBox({ ...box, limit, cursor }, asCaller(sg));
      for (const p of page.places) {
        expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
        expect(p.lat).toBeLessThanOrEqual(box.maxLat);
        seen.push(p.id);
      }
      expect(page.places.length).toBeLessThanOrEqual(limit);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it.each([
    ['a district-sized box, read cell by cell', { minLat: 1.25, minLng: 103.8, maxLat: 1.33, maxLng: 103.9 }, 37],
    ['a huge box, read in id order', { minLat: -10, minLng: 90, maxLat: 10, maxLng: 120 }, 100],
  ])('PlacesInBoundingBox pages through every active place inside %s, once each', async (_name, box, limit) => {
    const expected = (
      await poiDb(t)
        .selectFrom('place')
        .select('id')
        .where('lat', '>=', box.minLat)
        .where('lat', '<=', box.maxLat)
        .where('lng', '>=', box.minLng)
        .where('lng', '<=', box.maxLng)
        .execute()
    ).map((r) => r.id);
    const seen = await walkBox(box, limit);
    expect(expected.length).toBeGreaterThan(100);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(expected.sort());
    expect((await poi().placesInBoundingBox({ ...box }, asCaller(br))).places).toEqual([]);
  });

  it('PlacesInBoundingBox refuses an upside-down box', async () => {
    const box = { minLat: 2, minLng: 103, maxLat: 1, maxLng: 104 };
    expect(await failureOf(poi().placesInBoundingBox(box, asCaller(sg)))).toBe(Code.InvalidArgument);
  });

  it('a call without a valid access token is Unauthenticated', async () => {
    expect(await failureOf(poi().getPlace({ id: ids[0] ?? '' }))).toBe(Code.Unauthenticated);
    expect(await failureOf(poi().nearby({ ...SINGAPORE, radiusM: 100 }, asCaller('not.a.token')))).toBe(Code.Unauthenticated);
  });
});
