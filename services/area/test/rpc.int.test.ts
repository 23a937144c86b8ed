import { Code, ConnectError } from '@connectrpc/connect';
import { AreaService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AreaTestHost, idOf, startAreaHost, userIdOf } from './area-fixtures';

const engines = await databaseEngines();

/** Bishan (a URA planning area in Singapore’s Central Region) and a point in the Southern Ocean. */
const BISHAN = { lat: 1.3526, lng: 103.8352 };
const SEA = { lat: -60, lng: 0 };

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('area RPC and the demo territories on $name', (database) => {
  let t: AreaTestHost;
  let admin: string;
  const area = () => t.host.runtime.rpc.client(AreaService);
  beforeAll(async () => {
    t = await startAreaHost(database);
    admin = await t.login('admin@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('seeds each demo country with its city and real districts', async () => {
    for (const [country, city, count] of [
      ['SG', 'Central Region', 55],
      ['CN', '上海', 16],
      ['ID', 'Jakarta', 6],
      ['BR', 'São Paulo', 96],
    ] as const) {
      const listed = await t.api('GET', `/api/v1/areas?country=${country}&limit=200`, { token: admin });
      expect(listed.body.items.filter((a: { kind: string }) => a.kind === 'district')).toHaveLength(count);
      expect(listed.body.items.some((a: { kind: string; name: string }) => a.kind === 'city' && a.name === city)).toBe(true);
    }
  });

  it('links the demo city areas to the account’s city org units and assigns the demo people', async () => {
    const central = await idOf(t, admin, '/api/v1/areas?country=SG&limit=200', (a) => a.name === 'Central Region');
    const unit = await idOf(t, admin, '/api/v1/org-units?limit=200', (u) => u.name === 'Central Region');
    await eventually(async () => expect((await t.api('GET', `/api/v1/areas/${central}`, { token: admin })).body.orgUnitId).toBe(unit));
    const rep = await t.login('rep1.sg@fieldops.test');
    await eventually(async () => expect((await t.api('GET', '/api/v1/me', { token: rep })).body.scope.areaIds.length).toBeGreaterThan(0));
    const visible = await t.api('GET', '/api/v1/areas?limit=200', { token: rep });
    expect(visible.body.items.length).toBeGreaterThan(0);
    expect(visible.body.items.every((a: { kind: string }) => a.kind === 'district')).toBe(true);
  });

  it('ResolveArea answers a batch of WGS-84 points in order, with the path', async () => {
    const { results } = await area().resolveArea({ points: [BISHAN, SEA] }, asCaller(admin));
    expect(results[0]?.path.map((s) => [s.kind, s.name])).toEqual([
      ['country', 'Singapore'],
      ['city', 'Central Region'],
      ['district', 'Bishan'],
    ]);
    expect(results[0]?.areaId).toBe(results[0]?.path[2]?.id);
    expect(results[0]?.country).toBe('SG');
    expect(results[1]?.areaId).toBeUndefined();
    expect(results[1]?.country).toBeUndefined();
    expect(results[1]?.path).toEqual([]);
  });

  it('FindAreasByName finds Bishan by its name in any case, in its country only, with a point inside it', async () => {
    const { areas } = await area().findAreasByName({ name: 'bishan', country: 'SG' }, asCaller(admin));
    expect(areas[0]).toMatchObject({ name: 'Bishan', kind: 'district', country: 'SG', score: 1 });
    expect(areas[0]?.path.map((s) => s.name)).toEqual(['Singapore', 'Central Region', 'Bishan']);
    const inside = areas[0]?.inside ?? { lat: 0, lng: 0 };
    const { results } = await area().resolveArea({ points: [inside] }, asCaller(admin));
    expect(results[0]?.areaId).toBe(areas[0]?.id);
    expect((await area().findAreasByName({ name: 'São', country: 'BR' }, asCaller(admin))).areas[0]?.name).toMatch(/^São/);
    expect((await area().findAreasByName({ name: 'Bishan', country: 'BR' }, asCaller(admin))).areas).toEqual([]);
    expect(await failureOf(area().findAreasByName({ name: '  ', country: 'SG' }, asCaller(admin)))).toBe(Code.InvalidArgument);
  });

  it('GetArea answers an area with its GeoJSON within the caller’s scope only', async () => {
    const east = await idOf(t, admin, '/api/v1/areas?country=SG&limit=200', (a) => a.name === 'East Region');
    const { area: found } = await area().getArea({ id: east }, asCaller(admin));
    expect(found).toMatchObject({ id: east, kind: 'city', country: 'SG' });
    expect(JSON.parse(found?.geometryJson ?? '{}').type).toBe('Polygon');
    expect(found?.bbox).toHaveLength(4);
    const manager = await t.login('citymanager1.sg@fieldops.test');
    expect(await failureOf(area().getArea({ id: east }, asCaller(manager)))).toBe(Code.NotFound);
  });

  it('CoveringReps answers the demo primary rep, backup and managers of a point', async () => {
    await eventually(async () => {
      const covering = await area().coveringReps({ point: BISHAN }, asCaller(admin));
      expect(covering.primary).toHaveLength(1);
      expect(covering.backups).toHaveLength(1);
      expect(covering.managers.length).toBeGreaterThanOrEqual(2);
    });
    const covering = await area().coveringReps({ point: BISHAN, at: BigInt(t.clock.now()) }, asCaller(admin));
    expect(covering.areaId).toBe(covering.path[2]?.id);
    expect(covering.primary[0]?.areaId).toBe(covering.areaId);
    const countryManager = await userIdOf(t, admin, 'countrymanager.sg@fieldops.test');
    expect(covering.managers.at(-1)?.userId).toBe(countryManager);
    const before = await area().coveringReps({ point: BISHAN, at: BigInt(t.clock.now() - 60_000) }, asCaller(admin));
    expect(before.primary).toEqual([]);
  });

  it('CoveringReps tells a user who covers a point only inside the areas they may see', async () => {
    const brazil = await t.login('countrymanager.br@fieldops.test');
    await eventually(async () => expect((await area().coveringReps({ point: BISHAN }, asCaller(admin))).primary).toHaveLength(1));
    expect(await area().coveringReps({ point: BISHAN }, asCaller(brazil))).toMatchObject({
      path: [],
      primary: [],
      backups: [],
      managers: [],
    });
    expect((await area().coveringReps({ point: BISHAN }, asCaller(brazil))).areaId).toBeUndefined();
  });

  it('refuses calls without a valid access token', async () => {
    expect(await failureOf(area().resolveArea({ points: [BISHAN] }))).toBe(Code.Unauthenticated);
    expect(await failureOf(area().coveringReps({ point: BISHAN }, asCaller('not.a.token')))).toBe(Code.Unauthenticated);
  });
});
