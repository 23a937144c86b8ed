import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { databaseEngines, eventually, loginAreaScoped, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeadsService } from '../src/index';
import { demoSeeded, leadsDb } from './leads-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the demo leads and the demo territories on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, areaService, createLeadsService()],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
    await demoSeeded(t);
  });
  afterAll(async () => t?.stop());

  it('seeds each demo lead with the area holding it', async () => {
    const rows = await leadsDb(t).selectFrom('lead').select(['area_id']).where('country', '=', 'SG').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.area_id === null)).toEqual([]);
  });

  it('an area-scoped manager sees the held demo leads of their areas', async () => {
    const admin = await t.login('admin@fieldops.test');
    const manager = await loginAreaScoped(t, admin, 'citymanager1.sg@fieldops.test', ['lead:read']);
    await eventually(async () => {
      const res = await t.api('GET', '/api/v1/leads?limit=200', { token: manager });
      expect(res.status).toBe(200);
      const items = res.body.items as { country: string; areaId: string | null; ownerId: string | null }[];
      // Held leads reach the manager through their areas only (an area-less public lead is visible to anyone).
      expect(items.filter((l) => l.ownerId !== null).length).toBeGreaterThan(0);
      expect(items.every((l) => l.country === 'SG' && l.areaId !== null)).toBe(true);
    });
  });
});
