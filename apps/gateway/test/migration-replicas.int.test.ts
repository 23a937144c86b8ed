import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { merchantService } from '@fieldops/merchant';
import { createMigrationService, type MigrationDb } from '@fieldops/migration';
import { engineAvailable, engineUrls, eventually, serviceDb, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';
import { type LegacyCrm, merchantsRoute, startLegacyCrm } from './support/legacy-crm';

const migrationService = createMigrationService({ followFileMs: 200, importMs: 3_600_000, reconcileMs: 3_600_000 });
const SERVICES = [accountService, merchantService, migrationService];

/**
 * Two gateway replicas in front of one process of services, sharing only Redis: a switch made through one is
 * followed by the other, both report their comparisons to the one diff report, and the report outlives a restart.
 */
describe.skipIf(!(await engineAvailable('redis')))('two gateway replicas follow one route table', () => {
  let legacy: LegacyCrm;
  let core: TestHost;
  let blue: TestHost;
  let green: TestHost;
  let restarted: TestHost | undefined;
  let admin: string;
  let merchantId: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-migration-replicas-'));
  const routesFile = path.join(dataDir, 'routes.json');
  const shared = {
    CACHE_URL: `${engineUrls.redis}?keyPrefix=fot-migration-${randomBytes(4).toString('hex')}:`,
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
  };
  // The account and migration databases outlive the first process of services, for the restart.
  const kept = { ACCOUNT_DATABASE_URL: `sqlite:${dataDir}`, MIGRATION_DATABASE_URL: `sqlite:${dataDir}` };

  const migrationEnv = () => ({ MIGRATION_ROUTES_FILE: routesFile, LEGACY_URL: legacy.url, LEGACY_TOKEN: legacy.token });
  const aGateway = () =>
    startTestHost({
      services: [],
      edge: createGateway({ services: SERVICES }),
      env: {
        ...shared,
        ...migrationEnv(),
        SERVICE_ACCOUNT_URL: core.url,
        SERVICE_MERCHANT_URL: core.url,
        SERVICE_MIGRATION_URL: core.url,
      },
    });
  const nameVia = async (gateway: TestHost) =>
    (await gateway.api('GET', `/api/v1/merchants/${merchantId}`, { token: admin })).body.legalName;
  const setMode = async (gateway: TestHost, mode: string) => {
    const res = await gateway.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const compared = async () => {
    const routes = (await blue.api('GET', '/api/v1/migration/routes', { token: admin })).body.items;
    return routes[0].compared as { match: number; mismatch: number; error: number };
  };

  beforeAll(async () => {
    legacy = await startLegacyCrm();
    fs.writeFileSync(routesFile, JSON.stringify({ routes: [{ ...merchantsRoute, mode: 'new' }] }));
    core = await startTestHost({ services: SERVICES, seedDemo: true, env: { ...shared, ...kept, ...migrationEnv() } });
    blue = await aGateway();
    green = await aGateway();
    admin = await blue.login('admin@fieldops.test');
    const rep = await blue.login('rep1.sg@fieldops.test');
    const created = await blue.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: 'Replica Bakery Pte Ltd', businessId: '202012345K', category: 'bakery', lat: 1.3, lng: 103.85 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    merchantId = created.body.id;
    // The CRM knows the same shop under another name and with a phone number: every shadow read differs.
    legacy.shops.set(merchantId, {
      shop_id: merchantId,
      shop_name: 'Replica Bakery (old name)',
      biz_reg_no: '202012345K',
      category_code: 'bakery',
      latitude: 1.3,
      longitude: 103.85,
      contacts: [{ contact_name: 'Owner', tel: '+6591112222' }],
      created_ts: created.body.createdAt,
    });
  }, 120_000);

  afterAll(async () => {
    for (const part of [green, blue, core, restarted]) await part?.stop();
    await legacy?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a switch made through one gateway is followed by the other', async () => {
    expect(await nameVia(green)).toBe('Replica Bakery Pte Ltd');
    await setMode(blue, 'legacy');
    expect(await nameVia(blue)).toBe('Replica Bakery (old name)');
    await eventually(async () => expect(await nameVia(green)).toBe('Replica Bakery (old name)'));

    await setMode(green, 'new');
    expect(await nameVia(green)).toBe('Replica Bakery Pte Ltd');
    await eventually(async () => expect(await nameVia(blue)).toBe('Replica Bakery Pte Ltd'));
  });

  it('both gateways report their comparisons to the one diff report', async () => {
    // Before shadow nothing was compared; in shadow each read is served by the CRM and compared once.
    expect(await compared()).toEqual({ match: 0, mismatch: 0, error: 0 });
    const crmReads = legacy.served.GET;
    await setMode(blue, 'shadow');
    expect(await nameVia(blue)).toBe('Replica Bakery (old name)');
    // Green follows the switch: its reads reach the CRM too.
    await eventually(async () => expect(await nameVia(green)).toBe('Replica Bakery (old name)'));
    await Promise.all([nameVia(blue), nameVia(blue), nameVia(green), nameVia(green)]);
    const shadowReads = legacy.served.GET - crmReads;
    expect(shadowReads).toBeGreaterThanOrEqual(6);
    await eventually(async () => expect(await compared()).toEqual({ match: 0, mismatch: shadowReads, error: 0 }));
  });

  it('each switch is one audit event, whichever gateway took it', async () => {
    const rows = await serviceDb<MigrationDb>(core, 'migration')
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'migration.route.mode-changed.v1')
      .orderBy('seq')
      .execute();
    const data = rows.map((row) => JSON.parse(row.envelope).data);
    expect(data.map((d) => `${d.from}>${d.to}`)).toEqual(['new>legacy', 'legacy>new', 'new>shadow']);
  });

  it('a gateway that cannot read the modes refuses API calls rather than guess where they go', async () => {
    const stray = await startTestHost({
      services: [],
      edge: createGateway({ services: SERVICES }),
      env: {
        ...shared,
        ...migrationEnv(),
        SERVICE_ACCOUNT_URL: core.url,
        SERVICE_MERCHANT_URL: core.url,
        // Nothing listens there.
        SERVICE_MIGRATION_URL: 'http://127.0.0.1:9',
      },
    });
    try {
      const refused = await stray.api('GET', `/api/v1/merchants/${merchantId}`, { token: admin });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await stray.api('GET', '/healthz')).status).toBe(200);
    } finally {
      await stray.stop();
    }
  });

  it('the mismatch samples outlive a restart of the services, masked', async () => {
    const before = (await blue.api('GET', '/api/v1/migration/diffs?limit=200', { token: admin })).body.items;
    expect(before.length).toBeGreaterThan(4);
    await green.stop();
    await blue.stop();
    await core.stop();
    restarted = await startTestHost({ services: [accountService, migrationService], env: { ...shared, ...kept, ...migrationEnv() } });
    const token = await restarted.login('admin@fieldops.test');
    const after = (await restarted.api('GET', '/api/v1/migration/diffs?limit=200', { token })).body.items;
    expect(after.map((d: { id: string }) => d.id)).toEqual(before.map((d: { id: string }) => d.id));
    expect(after[0].differences.map((d: { path: string }) => d.path)).toEqual(['/legalName', '/contacts/0']);
    expect(JSON.stringify(after)).not.toContain('91112222');
  });
});
