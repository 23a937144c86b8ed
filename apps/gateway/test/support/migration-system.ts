import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import { type MerchantDb, merchantService } from '@fieldops/merchant';
import { createMigrationService } from '@fieldops/migration';
import { eventually, serviceDb, startTestHost, type TestEngines, type TestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { createGateway } from '../../src/index';
import { type LegacyCrm, merchantsRoute, startLegacyCrm } from './legacy-crm';

// The adapters' schedules are the test's to drive: the import and reconciliation run when a step asks for them.
const migrationService = createMigrationService({ followFileMs: 200, importMs: 3_600_000, reconcileMs: 3_600_000 });
const SERVICES = [accountService, merchantService, migrationService];

export interface MigrationSystem {
  legacy: LegacyCrm;
  t: TestHost;
  /** The route table the migration service follows: a test rewrites it to change what the route imports. */
  routesFile: string;
  admin: string;
  rep: string;
}

/**
 * FieldOps beside a legacy CRM stand-in, the merchants route in `new` mode, importing the CRM's shops as
 * rep1.sg's in Singapore, and no merchant yet: the demo ones are removed once seeded, so each test starts from its own.
 */
export async function startMigrationSystem(engines?: TestEngines): Promise<MigrationSystem> {
  const legacy = await startLegacyCrm();
  const routesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-migration-')), 'routes.json');
  fs.writeFileSync(routesFile, JSON.stringify({ routes: [{ ...merchantsRoute, mode: 'new' }] }));
  const t = await startTestHost({
    ...(engines ? { engines } : {}),
    services: SERVICES,
    edge: createGateway({ services: SERVICES }),
    seedDemo: true,
    env: { MIGRATION_ROUTES_FILE: routesFile, LEGACY_URL: legacy.url, LEGACY_TOKEN: legacy.token },
  });
  const db = serviceDb<MerchantDb>(t, 'merchant');
  await eventually(async () => expect(await pendingDemoCountries(db)).toEqual([]), { timeoutMs: 50_000 });
  await db.deleteFrom('merchant_transition').execute();
  await db.deleteFrom('merchant').execute();
  const admin = await t.login('admin@fieldops.test');
  const rep = await t.login('rep1.sg@fieldops.test');
  // What the CRM's shops become in FieldOps when the import adapter brings them: the rep's, in Singapore.
  const repId = (await t.api('GET', '/api/v1/me', { token: rep })).body.user.id as string;
  const importAs = { country: 'SG', ownerId: repId, changesPath: '/crm/shops/changes' };
  fs.writeFileSync(routesFile, JSON.stringify({ routes: [{ ...merchantsRoute, mode: 'new', importAs }] }));
  return { legacy, t, routesFile, admin, rep };
}
