import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMigrationService } from '@fieldops/migration';
import { eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LegacyCrm, merchantsRoute, startLegacyCrm } from '../../gateway/test/support/legacy-crm';
import { seriousViolations } from './support/axe';
import { chartNamed } from './support/charts';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

/** The fields of a merchant as the API answers it that the CRM's copy is made of. */
interface ApiMerchant {
  id: string;
  legalName: string;
  businessId: string;
  category: string;
  lat: number;
  lng: number;
  contacts: { name: string; phone: string | null }[];
  createdAt: string;
}

// The page is what is tested: the adapters and reconciliation do not run on their own here.
const migrationService = createMigrationService({ importMs: 3_600_000, reconcileMs: 3_600_000 });

const DESKTOP = { viewport: { width: 1440, height: 900 } };
const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };

describe.runIf(chromiumForTests())('the legacy migration tab in Chromium', () => {
  let e2e: E2e;
  let legacy: LegacyCrm;

  beforeAll(async () => {
    legacy = await startLegacyCrm();
    const routesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-migration-')), 'routes.json');
    fs.writeFileSync(routesFile, JSON.stringify({ routes: [{ ...merchantsRoute, mode: 'shadow' }] }));
    e2e = await startE2e({
      services: [migrationService],
      env: { MIGRATION_ROUTES_FILE: routesFile, LEGACY_URL: legacy.url, LEGACY_TOKEN: legacy.token },
    });
    // The CRM knows two of FieldOps's merchants, one under an old name: reading them in shadow finds one difference.
    const admin = await e2e.host.login('admin@fieldops.test');
    const list = await e2e.host.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode: 'new' } });
    expect(list.status).toBe(200);
    const merchants = await e2e.host.api('GET', '/api/v1/merchants?limit=2', { token: admin });
    expect(merchants.body.items).toHaveLength(2);
    const items: ApiMerchant[] = merchants.body.items;
    for (const [n, m] of items.entries()) {
      legacy.shops.set(m.id, {
        shop_id: m.id,
        shop_name: n === 0 ? 'Old Name Trading' : m.legalName,
        biz_reg_no: m.businessId,
        category_code: m.category,
        latitude: m.lat,
        longitude: m.lng,
        contacts: m.contacts.map((c) => ({ contact_name: c.name, tel: c.phone })),
        created_ts: m.createdAt,
      });
    }
    await e2e.host.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode: 'shadow' } });
    for (const m of items) {
      expect((await e2e.host.api('GET', `/api/v1/merchants/${m.id}`, { token: admin })).status).toBe(200);
    }
    // The gateway hands its comparisons to the migration service in batches: the page reads them once kept.
    await eventually(async () => {
      const routes = await e2e.host.api('GET', '/api/v1/migration/routes', { token: admin });
      expect(routes.body.items[0].compared).toEqual({ match: 1, mismatch: 1, error: 0 });
    });
  }, 180_000);
  afterAll(async () => {
    await e2e?.stop();
    await legacy?.stop();
  }, 120_000);

  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`an admin reads the mismatch rate and the latest difference (${size})`, async () => {
      const { page } = await e2e.open('/', options);
      await signIn(page, 'admin@fieldops.test');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.goto('/admin');
      await page.getByRole('tab', { name: 'Legacy migration' }).click();
      await page.getByRole('heading', { name: /merchants/ }).waitFor();
      await page.getByText('Mode: Shadow (legacy serves).').waitFor();
      // The rate per minute in words: a time and its share for each minute compared.
      const rate = chartNamed(page, 'Share of different answers per minute: merchants');
      await rate.image.waitFor();
      expect(await rate.description()).toMatch(/^[^;]+: \d+%(; [^;]+: \d+%)*$/);
      await page.getByRole('cell', { name: '/legalName', exact: true }).waitFor();
      await page.getByText('Compared: 1 matching, 1 different, 0 failed (50% different).').waitFor();
      // Reconciliation on demand: the CRM knows two of FieldOps's merchants, one under an old name.
      await page.getByRole('button', { name: 'Reconcile now' }).click();
      await page.getByText(/— 0 only in the legacy system, \d+ only in FieldOps, 1 different\./).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await e2e.screenshot(page, `console-migration-${size}`);
      await page.locator('.language-switcher select').selectOption('zh-CN');
      await page.getByRole('button', { name: '立即核对' }).waitFor();
      await page.getByText(/0 条仅在旧系统中/).waitFor();
      await e2e.screenshot(page, `console-migration-zh-CN-${size}`);
    }, 90_000);
  }

  it('an admin switches the route to FieldOps serving; the switch is what the gateway then does', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'admin@fieldops.test');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto('/admin');
    await page.getByRole('tab', { name: 'Legacy migration' }).click();
    await page.getByLabel('Mode').selectOption('primary-new');
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByText('Mode: FieldOps serves, legacy in shadow.').waitFor();
    const admin = await e2e.host.login('admin@fieldops.test');
    const routes = await e2e.host.api('GET', '/api/v1/migration/routes', { token: admin });
    expect(routes.body.items[0]).toMatchObject({ name: 'merchants', mode: 'primary-new' });
  }, 90_000);

  it('a rep has no migration tab', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'rep1.sg@fieldops.test');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto('/admin');
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('tab', { name: 'Legacy migration' }).count()).toBe(0);
  }, 90_000);
});
