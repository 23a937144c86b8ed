import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { databaseEngines, eventually, startTestHost, type TestHost } from '@fieldops/testing';
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
});
