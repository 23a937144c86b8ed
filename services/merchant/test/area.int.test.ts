import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { MerchantService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, eventually, loginAreaScoped, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantService } from '../src/index';
import { aMerchant, outboxOf } from './merchant-fixtures';

const engines = await databaseEngines();

const square = (lng: number, lat: number, half: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng - half, lat - half],
      [lng + half, lat - half],
      [lng + half, lat + half],
      [lng - half, lat + half],
      [lng - half, lat - half],
    ],
  ],
});

describe.each(engines)('areas of merchants on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, areaService, merchantService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
  });
  afterAll(async () => t?.stop());

  it('an area-scoped manager sees the demo merchants of their areas, each seeded with its area', async () => {
    const admin = await t.login('admin@fieldops.test');
    const manager = await loginAreaScoped(t, admin, 'citymanager1.sg@fieldops.test', ['merchant:read']);
    await eventually(async () => {
      const res = await t.api('GET', '/api/v1/merchants?limit=50', { token: manager });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((m: { country: string; areaId: string | null }) => m.country === 'SG' && m.areaId !== null)).toBe(true);
    });
  });

  it('a merchant gets the area drawn around it, and the more specific one drawn inside, each with an updated event', async () => {
    const admin = await t.login('admin@fieldops.test');
    const created = await t.api('POST', '/api/v1/merchants?coords=WGS84', {
      token: admin,
      body: aMerchant({ lat: -10.5, lng: -20.5, ownerId: undefined }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.areaId).toBeNull();
    const draw = async (code: string, fields: Record<string, unknown>) => {
      const res = await t.api('POST', '/api/v1/areas?coords=WGS84', { token: admin, body: { name: code, code, country: 'SG', ...fields } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const read = async () => (await t.api('GET', `/api/v1/merchants/${created.body.id}`, { token: admin })).body.areaId;
    const root = await draw('merchant-area-root', { kind: 'country', geometry: square(-20, -10, 4) });
    await eventually(async () => expect(await read()).toBe(root));
    const city = await draw('merchant-area-city', { kind: 'city', parentId: root, geometry: square(-20, -10, 2) });
    await eventually(async () => expect(await read()).toBe(city));
    const updates = (await outboxOf(t, created.body.id)).filter((e) => e.type === 'merchant.merchant.updated.v1');
    expect(updates.map((e) => e.data.areaId)).toEqual([root, city]);
  });

  it('a geometry preview lists the merchants that would move, read page by page from MerchantsInBoundingBox', async () => {
    const admin = await t.login('admin@fieldops.test');
    const draw = async (code: string, fields: Record<string, unknown>) => {
      const res = await t.api('POST', '/api/v1/areas?coords=WGS84', { token: admin, body: { name: code, code, country: 'SG', ...fields } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const root = await draw('merchant-preview-root', { kind: 'country', geometry: square(-40, -10, 4) });
    const city = await draw('merchant-preview-city', { kind: 'city', parentId: root, geometry: square(-40, -10, 2) });
    const ids: string[] = [];
    for (const lng of [-40.5, -39.5]) {
      const created = await t.api('POST', '/api/v1/merchants?coords=WGS84', {
        token: admin,
        body: aMerchant({ lat: -10, lng, ownerId: undefined }),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
    }
    await eventually(async () => {
      const areas = await Promise.all(ids.map(async (id) => (await t.api('GET', `/api/v1/merchants/${id}`, { token: admin })).body.areaId));
      expect(areas).toEqual([city, city]);
    });
    const box = { minLat: -11, minLng: -41, maxLat: -9, maxLng: -39 };
    const first = await t.host.runtime.rpc.client(MerchantService).merchantsInBoundingBox({ ...box, limit: 1 }, asCaller(admin));
    expect(first.merchants).toHaveLength(1);
    const second = await t.host.runtime.rpc
      .client(MerchantService)
      .merchantsInBoundingBox({ ...box, limit: 1, afterId: first.nextAfterId }, asCaller(admin));
    expect([...first.merchants, ...second.merchants].map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(second.nextAfterId).toBe('');
    // The city shrinks to its eastern half: the western merchant would fall back to the country.
    const preview = await t.api('POST', `/api/v1/areas/${city}/geometry/preview`, {
      token: admin,
      body: { geometry: square(-39.5, -10, 0.9) },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.sources).toContain('merchant');
    expect(preview.body.moves).toEqual([{ kind: 'merchant', id: ids[0], from: city, to: root }]);
    expect(preview.body.counts.merchant).toBe(1);
  });

  it('refuses a Singapore merchant placed or moved into São Paulo, naming the coordinates', async () => {
    const admin = await t.login('admin@fieldops.test');
    const placed = await t.api('POST', '/api/v1/merchants?coords=WGS84', {
      token: admin,
      body: aMerchant({ lat: -23.5505, lng: -46.6333, ownerId: undefined }),
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(422);
    expect(placed.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/lat', '/body/lng']);
    const created = await t.api('POST', '/api/v1/merchants?coords=WGS84', { token: admin, body: aMerchant({ ownerId: undefined }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const moved = await t.api('PATCH', `/api/v1/merchants/${created.body.id}?coords=WGS84`, {
      token: admin,
      body: { lat: -23.5505, lng: -46.6333 },
      headers: { 'if-match': created.headers.get('etag') ?? '' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(422);
    expect((await t.api('GET', `/api/v1/merchants/${created.body.id}`, { token: admin })).body.lat).toBe(created.body.lat);
  });
});
