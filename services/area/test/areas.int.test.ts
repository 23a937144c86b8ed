import { wgs84ToGcj02 } from '@fieldops/geo';
import { databaseEngines, eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AreaTestHost, anArea, areaOutbox, aTerritory, expectProblem, idOf, polygon, square, startAreaHost } from './area-fixtures';

const engines = await databaseEngines();

describe.each(engines)('areas on $name', (database) => {
  let t: AreaTestHost;
  let admin: string;
  beforeAll(async () => {
    t = await startAreaHost(database);
    admin = await t.login('admin@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('creates a hierarchy, reads an area back with its ETag and lists children', async () => {
    const { root, city, west } = await aTerritory(t, admin, 20);
    expect(city).toMatchObject({ parentId: root.id, kind: 'city', country: 'SG', priority: 0, coords: 'WGS84', bbox: [20, 10, 22, 12] });
    const read = await t.api('GET', `/api/v1/areas/${west.id}`, { token: admin });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body.geometry).toEqual(polygon(square(20, 10, 1)));
    const children = await t.api('GET', `/api/v1/areas?parentId=${city.id}`, { token: admin });
    expect(children.body.items).toHaveLength(2);
    expect(children.body.items[0].geometry).toBeUndefined();
    expect((await areaOutbox(t, west.id)).map((e) => e.type)).toEqual(['area.area.created.v1']);
  });

  it('refuses invalid geometry with problem+json naming the exact position', async () => {
    const bowTie = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    const res = await t.api('POST', '/api/v1/areas', {
      token: admin,
      body: { name: 'Bad', code: 'bad-1', kind: 'country', country: 'SG', geometry: { type: 'Polygon', coordinates: [bowTie] } },
    });
    expectProblem(res, 400, '/body/geometry/coordinates/0/0');
    expect(res.body.errors[0].message).toMatch(/intersects itself/);
    const open = await t.api('POST', '/api/v1/areas', {
      token: admin,
      body: {
        name: 'Open',
        code: 'bad-2',
        kind: 'country',
        country: 'SG',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
      },
    });
    expectProblem(open, 400, '/body/geometry/coordinates/0/3');
  });

  it('checks where an area may sit and that codes are unique in a country', async () => {
    const { city } = await aTerritory(t, admin, 30);
    const res = await t.api('POST', '/api/v1/areas', {
      token: admin,
      body: { name: 'City under city', code: 'x-1', kind: 'city', parentId: city.id, geometry: polygon(square(30, 10, 1)) },
    });
    expectProblem(res, 422, '/body/parentId');
    const first = await anArea(t, admin, { kind: 'grid', parentId: city.id, geometry: polygon(square(30.5, 10.5, 0.1)) });
    const again = await t.api('POST', '/api/v1/areas', {
      token: admin,
      body: { name: 'Twin', code: first.code, kind: 'grid', parentId: city.id, geometry: polygon(square(30.5, 10.5, 0.1)) },
    });
    expectProblem(again, 409, '/body/code');
  });

  it('refuses a child drawn outside its parent, naming the geometry, and leaves the parent’s points alone', async () => {
    const { city } = await aTerritory(t, admin, 70);
    const across = await t.api('POST', '/api/v1/areas', {
      token: admin,
      body: { name: 'Across the strait', code: 'x-across', kind: 'district', parentId: city.id, geometry: polygon(square(69.5, 10.5, 1)) },
    });
    expectProblem(across, 422, '/body/geometry');
    expect(across.body.errors[0].message).toMatch(/^position \[69\.5, 10\.5\] lies \d+ m outside the parent area/);
    const resolved = await t.api('POST', '/api/v1/areas/resolve?coords=WGS84', {
      token: admin,
      body: { points: [{ lng: 69.7, lat: 10.7 }] },
    });
    expect(resolved.body.results).toEqual([null]);
    // Along the border, a few metres out, is the simplification of shared borders: accepted.
    await anArea(t, admin, { kind: 'district', parentId: city.id, geometry: polygon(square(71, 11, 1.0001)) });
  });

  it('honours a country sent for a child only when it is the parent’s', async () => {
    const { city } = await aTerritory(t, admin, 80);
    const body = { name: 'Elsewhere', code: 'x-country', kind: 'district', parentId: city.id, geometry: polygon(square(80.2, 10.2, 0.5)) };
    const other = await t.api('POST', '/api/v1/areas', { token: admin, body: { ...body, country: 'BR' } });
    expectProblem(other, 422, '/body/country');
    expect(other.body.errors[0].message).toBe("must be the parent's country (SG) or left out");
    const same = await anArea(t, admin, { ...body, country: 'SG' });
    expect(same.country).toBe('SG');
  });

  it('names the allowed kinds once when the kind is unknown', async () => {
    const res = await t.api('POST', '/api/v1/areas', {
      token: admin,
      body: { name: 'Planet', code: 'x-planet', kind: 'planet', country: 'SG', geometry: polygon(square(90, 10, 1)) },
    });
    expectProblem(res, 400, '/body/kind');
    expect(res.body.errors).toEqual([{ field: '/body/kind', message: 'must be one of: country, city, district, grid' }]);
  });

  it('resolves points: deepest wins, priority decides between overlapping siblings, null outside', async () => {
    const { city, west, east } = await aTerritory(t, admin, 40);
    const overlapping = await anArea(t, admin, {
      kind: 'district',
      parentId: city.id,
      priority: 5,
      geometry: polygon(square(40.5, 10, 1)),
    });
    const res = await t.api('POST', '/api/v1/areas/resolve?coords=WGS84', {
      token: admin,
      body: {
        points: [
          { lng: 40.2, lat: 10.5 },
          { lng: 41.7, lat: 10.5 },
          { lng: 40.7, lat: 10.5 },
          { lng: 41.5, lat: 11.5 },
          { lng: -40, lat: -60 },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { areaId: string } | null) => r?.areaId ?? null)).toEqual([
      west.id,
      east.id,
      overlapping.id,
      city.id,
      null,
    ]);
    expect(res.body.results[0].path.map((s: { kind: string }) => s.kind)).toEqual(['country', 'city', 'district']);
  });

  it('renames and reprioritises with If-Match; the index follows without a restart', async () => {
    const { city, west } = await aTerritory(t, admin, 50);
    const rival = await anArea(t, admin, { kind: 'district', parentId: city.id, geometry: polygon(square(50, 10, 1)), priority: 1 });
    const point = { points: [{ lng: 50.5, lat: 10.5 }] };
    const before = await t.api('POST', '/api/v1/areas/resolve', { token: admin, body: point });
    expect(before.body.results[0].areaId).toBe(rival.id);
    const stale = await t.api('PATCH', `/api/v1/areas/${west.id}`, { token: admin, body: { priority: 9 }, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    const patch = await t.api('PATCH', `/api/v1/areas/${west.id}`, {
      token: admin,
      body: { priority: 9, name: 'West' },
      headers: { 'if-match': '"1"' },
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ priority: 9, name: 'West', version: 2 });
    const after = await t.api('POST', '/api/v1/areas/resolve', { token: admin, body: point });
    expect(after.body.results[0]).toMatchObject({
      areaId: west.id,
      path: [expect.anything(), expect.anything(), { id: west.id, name: 'West' }],
    });
  });

  it('deletes a leaf, but not an area with children', async () => {
    const { city, east } = await aTerritory(t, admin, 60);
    expectProblem(await t.api('DELETE', `/api/v1/areas/${city.id}`, { token: admin }), 409);
    expect((await t.api('DELETE', `/api/v1/areas/${east.id}`, { token: admin })).status).toBe(204);
    expect((await t.api('GET', `/api/v1/areas/${east.id}`, { token: admin })).status).toBe(404);
    const res = await t.api('POST', '/api/v1/areas/resolve', { token: admin, body: { points: [{ lng: 61.5, lat: 10.5 }] } });
    expect(res.body.results[0].areaId).toBe(city.id);
    expect((await areaOutbox(t, east.id)).map((e) => e.type)).toEqual(['area.area.created.v1', 'area.area.deleted.v1']);
  });

  it('speaks GCJ-02 to a caller in China and stores WGS-84', async () => {
    const cn = await t.login('countrymanager.cn@fieldops.test');
    // Beijing: inside the demo outline of China, outside every demo city.
    const wgs = { lng: 116.39, lat: 39.9 };
    const gcj = wgs84ToGcj02(wgs);
    const size = 0.004;
    const gcjSquare = square(gcj.lng - size / 2, gcj.lat - size / 2, size);
    const root = await idOf(t, cn, '/api/v1/areas?country=CN', (a) => a.kind === 'country');
    const created = await t.api('POST', '/api/v1/areas', {
      token: cn,
      body: { name: 'Tiananmen', code: 'tiananmen', kind: 'city', parentId: root, geometry: polygon(gcjSquare) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.coords).toBe('GCJ02');
    expect(created.body.geometry.coordinates[0][0][0]).toBeCloseTo(gcjSquare[0]?.[0] ?? 0, 6);
    const stored = await t.api('GET', `/api/v1/areas/${created.body.id}?coords=WGS84`, { token: cn });
    expect(Math.abs(stored.body.bbox[0] - (wgs.lng - size / 2))).toBeLessThan(0.0001);
    // The GCJ-02 point is in the grid for a CN caller; the same numbers read as WGS-84 are ~500 m off and are not.
    const asCn = await t.api('POST', '/api/v1/areas/resolve', { token: cn, body: { points: [gcj] } });
    expect(asCn.body.results[0].areaId).toBe(created.body.id);
    const asWgs = await t.api('POST', '/api/v1/areas/resolve', { token: admin, body: { points: [gcj] } });
    expect(asWgs.body.results[0]?.areaId).not.toBe(created.body.id);
  });

  it('documents every route in the service’s OpenAPI document', async () => {
    const doc = await t.api('GET', '/openapi/area.json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/areas',
      '/api/v1/areas/{id}',
      '/api/v1/areas/resolve',
      '/api/v1/areas/overlaps',
      '/api/v1/areas/covering',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/areas/{id}/geometry/preview');
  });

  describe('scope', () => {
    it('a city manager edits the areas of their city and gets 404 for another city’s', async () => {
      const manager = await t.login('citymanager1.sg@fieldops.test');
      const central = await idOf(t, admin, '/api/v1/areas?country=SG&limit=200', (a) => a.name === 'Central Region');
      const east = await idOf(t, admin, '/api/v1/areas?country=SG&limit=200', (a) => a.name === 'East Region');
      await eventually(async () => expect((await t.api('GET', `/api/v1/areas/${central}`, { token: manager })).status).toBe(200));
      const own = await t.api('PATCH', `/api/v1/areas/${central}`, { token: manager, body: { priority: 3 } });
      expect(own.status).toBe(200);
      expectProblem(await t.api('PATCH', `/api/v1/areas/${east}`, { token: manager, body: { priority: 3 } }), 404);
      expectProblem(await t.api('GET', `/api/v1/areas/${east}`, { token: manager }), 404);
      const listed = await t.api('GET', '/api/v1/areas?limit=200', { token: manager });
      expect(listed.body.items.some((a: { id: string }) => a.id === east)).toBe(false);
      expect(listed.body.items.some((a: { name: string }) => a.name === 'Bishan')).toBe(true);
    });

    it('an area is created or linked only with an org unit of its country that the caller manages (422 naming orgUnitId)', async () => {
      const manager = await t.login('citymanager1.sg@fieldops.test');
      const central = await idOf(t, admin, '/api/v1/areas?country=SG&limit=200', (a) => a.name === 'Central Region');
      const units = await t.api('GET', '/api/v1/org-units?limit=200', { token: admin });
      const inCountry = (country: string) => units.body.items.filter((u: { country: string }) => u.country === country);
      const brazilian = inCountry('BR')[0].id as string;
      const me = await t.api('GET', '/api/v1/me', { token: manager });
      const elsewhereInSingapore = inCountry('SG').find((u: { id: string }) => !me.body.scope.orgUnitIds.includes(u.id)).id as string;
      await eventually(async () => expect((await t.api('GET', `/api/v1/areas/${central}`, { token: manager })).status).toBe(200));
      // A small grid in Bishan, inside the manager's Central Region.
      const grid = (orgUnitId: string, code: string) => ({
        name: 'Bishan North grid',
        code,
        kind: 'grid',
        parentId: central,
        orgUnitId,
        geometry: polygon(square(103.835, 1.352, 0.002)),
      });
      for (const [i, orgUnitId] of [brazilian, elsewhereInSingapore].entries()) {
        expectProblem(await t.api('PATCH', `/api/v1/areas/${central}`, { token: manager, body: { orgUnitId } }), 422, '/body/orgUnitId');
        expectProblem(
          await t.api('POST', '/api/v1/areas', { token: manager, body: grid(orgUnitId, `bishan-n-${i}`) }),
          422,
          '/body/orgUnitId',
        );
      }
      const kept = await t.api('GET', `/api/v1/areas/${central}`, { token: admin });
      expect([brazilian, elsewhereInSingapore]).not.toContain(kept.body.orgUnitId);
      const children = await t.api('GET', `/api/v1/areas?parentId=${central}&limit=200`, { token: admin });
      expect(children.body.items.map((a: { code: string }) => a.code)).not.toContain('bishan-n-0');
      // The same grid linked to an org unit the manager does manage is accepted: the refusals above were about the unit.
      const own = me.body.scope.orgUnitIds[0] as string;
      const accepted = await t.api('POST', '/api/v1/areas', { token: manager, body: grid(own, 'bishan-n-own') });
      expect(accepted.status).toBe(201);
      // Removed again: Bishan's reps cover the point the next test asks about.
      expect((await t.api('DELETE', `/api/v1/areas/${accepted.body.id}`, { token: admin })).status).toBe(204);
    });

    it('tells who covers a point only within the caller’s territories, and names only to those who may read users', async () => {
      const at = 'lat=1.3526&lng=103.8352'; // Bishan, a district worked by the demo reps
      const covering = (token: string) => t.api('GET', `/api/v1/areas/covering?${at}`, { token });
      let full = await covering(admin);
      await eventually(async () => {
        full = await covering(admin);
        expect(full.body.primary).toHaveLength(1);
        expect(full.body.backups).toHaveLength(1);
      });
      const primaryEmail: string = full.body.primary[0].user.email;

      const stranger = await covering(await t.login('countrymanager.id@fieldops.test'));
      expect(stranger.status).toBe(200);
      expect(stranger.body).toEqual({ areaId: null, path: [], primary: [], backups: [], managers: [] });

      const rep = await covering(await t.login(primaryEmail));
      expect(rep.status).toBe(200);
      expect(rep.body.areaId).toBe(full.body.areaId);
      expect(rep.body.path.map((step: { id: string }) => step.id)).toEqual([full.body.areaId]);
      expect(rep.body.primary[0].user.email).toBe(primaryEmail);
      expect(rep.body.backups).toMatchObject([{ userId: full.body.backups[0].userId, user: null }]);
      expect(rep.body.managers.every((m: { areaId: string }) => m.areaId === full.body.areaId)).toBe(true);
      expect(JSON.stringify(rep.body)).not.toContain(full.body.backups[0].user.email);
    });

    it('a country manager sees only their country; a rep cannot write', async () => {
      const id = await t.login('countrymanager.id@fieldops.test');
      const listed = await t.api('GET', '/api/v1/areas?limit=200', { token: id });
      expect(listed.body.items.length).toBeGreaterThan(0);
      expect(listed.body.items.every((a: { country: string }) => a.country === 'ID')).toBe(true);
      const rep = await t.login('rep1.id@fieldops.test');
      const res = await t.api('POST', '/api/v1/areas', {
        token: rep,
        body: { name: 'x', code: 'x', kind: 'country', country: 'ID', geometry: polygon(square(0, 0, 1)) },
      });
      expectProblem(res, 403);
    });
  });
});
