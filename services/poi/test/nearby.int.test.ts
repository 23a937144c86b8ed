import { distanceMeters, type LatLng } from '@fieldops/geo';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, poiDb, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

interface Located {
  id: string;
  lat: number;
  lng: number;
  category: string;
}

const SHANGHAI = { lat: 31.2304, lng: 121.4737 };
const OUTSKIRTS = { lat: 31.16, lng: 121.58 };

describe.each(engines)('nearby on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let all: Located[];
  beforeAll(async () => {
    t = await startPoiHost(database, { places: 3000, city: 'shanghai', seed: 7 });
    admin = await t.login('admin@fieldops.test');
    all = await poiDb(t).selectFrom('place').select(['id', 'lat', 'lng', 'category']).where('status', '=', 'active').execute();
  });
  afterAll(async () => t?.stop());

  /** The answer worked out the slow way: every place measured, sorted by distance then id. */
  function bruteForce(centre: LatLng, radius: number, category?: string): string[] {
    return all
      .filter((p) => category === undefined || p.category === category)
      .map((p) => ({ id: p.id, distance: distanceMeters(centre, p) }))
      .filter((p) => p.distance <= radius)
      .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1))
      .map((p) => p.id);
  }

  /** Every page of a nearby search, walked with nextCursor. */
  async function walk(centre: LatLng, radius: number, limit: number, extra = '') {
    const ids: string[] = [];
    const distances: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const route: string = `/api/v1/places/nearby?lat=${centre.lat}&lng=${centre.lng}&radius=${radius}&limit=${limit}&coords=WGS84${extra}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('GET', route, { token: admin });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      for (const item of res.body.items) {
        ids.push(item.id);
        distances.push(item.distance);
      }
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 500);
    return { ids, distances, pages };
  }

  it('generated the places around the city centre, dense in the middle', () => {
    expect(all).toHaveLength(3000);
    const within5km = all.filter((p) => distanceMeters(SHANGHAI, p) < 5000).length;
    const from5to10km = all.filter((p) => {
      const d = distanceMeters(SHANGHAI, p);
      return d >= 5000 && d < 10_000;
    }).length;
    // An exponential spread: the first 5 km ring is far denser per square kilometre than the next.
    expect(within5km / (Math.PI * 25)).toBeGreaterThan((3 * from5to10km) / (Math.PI * 75));
  });

  it.each([
    [SHANGHAI, 300, 5],
    [SHANGHAI, 1500, 50],
    [SHANGHAI, 5000, 50],
    [OUTSKIRTS, 2000, 3],
    [OUTSKIRTS, 20_000, 200],
    [SHANGHAI, 50_000, 200],
  ])('answers what brute force answers, in the same order, page by page (%o, %i m, limit %i)', async (centre, radius, limit) => {
    const expected = bruteForce(centre, radius);
    const { ids, distances, pages } = await walk(centre, radius, limit);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    for (let i = 1; i < distances.length; i++) expect(distances[i]).toBeGreaterThanOrEqual(distances[i - 1] ?? 0);
    expect(Math.max(0, ...distances)).toBeLessThanOrEqual(radius);
  });

  it('filters by category', async () => {
    const expected = bruteForce(SHANGHAI, 8000, 'pharmacy');
    expect(expected.length).toBeGreaterThan(5);
    const { ids } = await walk(SHANGHAI, 8000, 10, '&category=pharmacy');
    expect(ids).toEqual(expected);
  });

  it('answers the distance in metres next to each place', async () => {
    const res = await t.api('GET', `/api/v1/places/nearby?lat=${SHANGHAI.lat}&lng=${SHANGHAI.lng}&radius=2000&limit=3&coords=WGS84`, {
      token: admin,
    });
    const [first] = res.body.items;
    expect(first).toMatchObject({ id: expect.any(String), name: expect.any(String), category: expect.any(String), country: 'CN' });
    expect(first.distance).toBeCloseTo(distanceMeters(SHANGHAI, first), 1);
  });

  it('refuses a radius over 50 km, a missing point and a forged cursor', async () => {
    const base = `/api/v1/places/nearby?lat=${SHANGHAI.lat}&lng=${SHANGHAI.lng}`;
    expectProblem(await t.api('GET', `${base}&radius=50001`, { token: admin }), 400, '/query/radius');
    expectProblem(await t.api('GET', `${base}&radius=0`, { token: admin }), 400, '/query/radius');
    expectProblem(await t.api('GET', '/api/v1/places/nearby?lng=121.47', { token: admin }), 400, '/query/lat');
    const forged = Buffer.from(JSON.stringify(['far', 3])).toString('base64url');
    expectProblem(await t.api('GET', `${base}&cursor=${forged}`, { token: admin }), 400, '/query/cursor');
  });

  it('a CN rep sees the places of China; a SG rep none of them', async () => {
    const cn = await t.login('rep1.cn@fieldops.test');
    const sg = await t.login('rep1.sg@fieldops.test');
    const route = `/api/v1/places/nearby?lat=${SHANGHAI.lat}&lng=${SHANGHAI.lng}&radius=3000&limit=20&coords=WGS84`;
    expect((await t.api('GET', route, { token: cn })).body.items).toHaveLength(20);
    expect((await t.api('GET', route, { token: sg })).body.items).toEqual([]);
  });
});
