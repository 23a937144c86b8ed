import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { hostEngines, serviceDb, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationDb } from '../src/db/schema';
import { createMigrationService } from '../src/index';

const migrationService = createMigrationService({ followFileMs: 3_600_000, importMs: 3_600_000, reconcileMs: 3_600_000 });

const route = {
  name: 'merchants',
  prefix: '/api/v1/merchants',
  legacyPrefix: '/crm/shops',
  mode: 'legacy',
  mapping: { renames: { tel: 'phone' }, matchItemsBy: 'businessId' },
};

/** Within the last day, which the report's counts cover. */
const RECENT = Date.now() - 5 * 60_000;

/** A mismatch as a gateway reports it: a phone number in both bodies, which must never be stored whole. */
const mismatch = (n: number) => ({
  route: 'merchants',
  result: 'mismatch',
  at: RECENT + n * 1000,
  sample: {
    method: 'GET',
    path: `/api/v1/merchants/${n}`,
    served: 'legacy',
    legacyStatus: 200,
    fieldopsStatus: 200,
    differences: [{ path: '/phone', legacy: '+6591234567', fieldops: '+6598765432' }],
    legacyBody: { phone: '+6591234567', note: `sample ${n}` },
    fieldopsBody: { phone: '+6598765432', note: `sample ${n}` },
  },
});

describe.each(await hostEngines())('the migration admin API on $name', (engines) => {
  let t: TestHost;
  let admin: string;
  let rep: string;
  let gateway: string;

  beforeAll(async () => {
    const routesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-migration-')), 'routes.json');
    fs.writeFileSync(routesFile, JSON.stringify({ routes: [route] }));
    t = await startTestHost({
      services: [accountService, migrationService],
      engines,
      seedDemo: true,
      // Nothing here calls the legacy system: the adapters and reconciliation are not scheduled in this suite.
      env: { MIGRATION_ROUTES_FILE: routesFile, LEGACY_URL: 'http://127.0.0.1:9' },
    });
    admin = await t.login('admin@fieldops.test');
    rep = await t.login('rep1.sg@fieldops.test');
    gateway = await t.host.runtime.serviceTokens('gateway');
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps the newest 50 mismatches of a route, masked, and counts every comparison', async () => {
    const items = [...Array.from({ length: 60 }, (_, n) => mismatch(n)), { route: 'merchants', result: 'match', at: RECENT }];
    for (const batch of [items.slice(0, 30), items.slice(30)]) {
      const res = await t.api('POST', '/api/v1/migration/comparisons', { token: gateway, body: { items: batch } });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
    }
    const stored = await serviceDb<MigrationDb>(t, 'migration').selectFrom('migration_diff_sample').selectAll().execute();
    expect(stored).toHaveLength(50);
    expect(JSON.stringify(stored)).not.toMatch(/91234567|98765432/);
    const report = await t.api('GET', '/api/v1/migration/diffs?limit=200&route=merchants', { token: admin });
    expect(report.body.items).toHaveLength(50);
    expect(report.body.items[0].path).toBe('/api/v1/merchants/59');
    expect(report.body.items.at(-1).path).toBe('/api/v1/merchants/10');
    expect(report.body.items[0].differences).toEqual([{ path: '/phone', legacy: '••••••••67', fieldops: '••••••••32' }]);
    expect(report.body.routes[0].compared).toEqual({ match: 1, mismatch: 60, error: 0 });
  });

  it('takes comparisons from the gateway only', async () => {
    const asAdmin = await t.api('POST', '/api/v1/migration/comparisons', { token: admin, body: { items: [mismatch(1)] } });
    expect(asAdmin.status).toBe(403);
    const bad = await t.api('POST', '/api/v1/migration/comparisons', { token: gateway, body: { items: 'all' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: '/body/items', message: expect.any(String) }]);
  });

  it('a switch is one audit event; setting the mode a route has records none', async () => {
    const events = () =>
      serviceDb<MigrationDb>(t, 'migration')
        .selectFrom('outbox')
        .select('envelope')
        .where('type', '=', 'migration.route.mode-changed.v1')
        .execute();
    const before = (await events()).length;
    const res = await t.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode: 'shadow' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'merchants', mode: 'shadow' });
    expect((await t.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode: 'shadow' } })).status).toBe(200);
    const after = await events();
    expect(after).toHaveLength(before + 1);
    expect(JSON.parse(after.at(-1)?.envelope ?? '{}').data).toMatchObject({ route: 'merchants', from: 'legacy', to: 'shadow' });
  });

  it('only admins read the report, the drift or switch a route; a bad mode or route names the field', async () => {
    expect((await t.api('GET', '/api/v1/migration/diffs')).status).toBe(401);
    for (const [method, url] of [
      ['GET', '/api/v1/migration/diffs'],
      ['GET', '/api/v1/migration/routes'],
      ['GET', '/api/v1/migration/drift'],
      ['POST', '/api/v1/migration/routes/merchants/reconcile'],
    ] as const) {
      const res = await t.api(method, url, { token: rep });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await t.api('PUT', '/api/v1/migration/routes/merchants', { token: rep, body: { mode: 'new' } })).status).toBe(403);
    const bad = await t.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode: 'both' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: '/body/mode', message: expect.any(String) }]);
    expect((await t.api('PUT', '/api/v1/migration/routes/nope', { token: admin, body: { mode: 'new' } })).status).toBe(404);
    const badRoute = await t.api('GET', '/api/v1/migration/diffs?route=nope', { token: admin });
    expect(badRoute.body.errors).toEqual([{ field: '/querystring/route', message: expect.any(String) }]);
  });
});
