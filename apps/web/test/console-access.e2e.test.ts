import fs from 'node:fs';
import { notificationService } from '@fieldops/notification';
import { searchService } from '@fieldops/search';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chromiumForTests } from './support/chromium';
import { type E2e, startE2e } from './support/e2e-host';
import { DESKTOP, fitsWidth, flaggedVisit, inChinese, PHONE, signedIn, tooWide } from './support/record-fixtures';

describe.runIf(chromiumForTests())('what each user may do, lists, search and accessibility, in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ services: [searchService, notificationService] });
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  const areaOf = async (email: string) => {
    const areas = await e2e.host.api('GET', '/api/v1/areas?limit=200', { token: await e2e.host.login(email) });
    return areas.body.items.find((area: { kind: string }) => area.kind === 'district') as { id: string; name: string };
  };

  it('screens offer only what the user may do: no area editing for a team lead, no org or role forms without the permission', async () => {
    const area = await areaOf('teamlead1.sg@fieldops.test');
    // A notice's link to an area opens its page.
    const lead = await signedIn(e2e, `/console/areas/${area.id}`, 'teamlead1.sg@fieldops.test', DESKTOP);
    await lead.getByRole('heading', { name: area.name }).waitFor();
    await lead.getByRole('heading', { name: 'Who covers it' }).waitFor();
    expect(await lead.getByRole('link', { name: 'Edit the polygon' }).count()).toBe(0);
    expect(await lead.getByRole('form', { name: 'Assign someone' }).count()).toBe(0);
    await lead.goto(`/areas?area=${area.id}`);
    await lead.getByRole('link', { name: `Open the page of ${area.name}` }).waitFor();
    expect(await lead.getByRole('button', { name: 'Draw a new polygon' }).count()).toBe(0);
    await lead.goto('/admin');
    await lead.getByRole('tab', { name: 'Org units' }).click();
    await lead.locator('.tree li').first().waitFor();
    expect(await lead.getByRole('form', { name: 'New org unit' }).count()).toBe(0);
    await lead.getByRole('tab', { name: 'Roles' }).click();
    await lead.getByRole('cell', { name: /^rep/ }).first().waitFor();
    expect(await lead.getByRole('form', { name: 'New role' }).count()).toBe(0);

    const manager = await signedIn(e2e, `/areas/${area.id}`, 'countrymanager.sg@fieldops.test', DESKTOP);
    await manager.getByRole('link', { name: 'Edit the polygon' }).waitFor();
    const assign = manager.getByRole('form', { name: 'Assign someone' });
    // Someone not yet covering the area: the API refuses a second assignment of the same person.
    const covering = await e2e.host.api('GET', `/api/v1/areas/${area.id}/assignments?limit=200`, {
      token: await e2e.host.login('countrymanager.sg@fieldops.test'),
    });
    const taken = new Set(covering.body.items.map((a: { user: { name: string } | null }) => a.user?.name));
    const names = (await assign.getByLabel('Rep').locator('option').allTextContents()).filter((name) => name !== '—');
    const rep = names.find((name) => !taken.has(name)) ?? '';
    await assign.getByLabel('Rep').selectOption({ label: rep });
    await assign.getByLabel('Role').selectOption('backup');
    await assign.getByRole('button', { name: 'Assign' }).click();
    await expect
      .poll(
        async () => {
          const res = await e2e.host.api('GET', `/api/v1/areas/${area.id}/assignments?limit=200`, {
            token: await e2e.host.login('countrymanager.sg@fieldops.test'),
          });
          return res.body.items.filter((a: { role: string; user: { name: string } | null }) => a.role === 'backup' && a.user?.name === rep)
            .length;
        },
        { message: (await assign.textContent()) ?? '' },
      )
      .toBe(1);
    await manager.getByRole('row').filter({ hasText: rep }).filter({ hasText: 'Backup rep' }).waitFor();
    await e2e.screenshot(manager, 'access-area-page');
    await manager.goto('/admin');
    await manager.getByRole('tab', { name: 'Org units' }).click();
    await manager.getByRole('form', { name: 'New org unit' }).waitFor();

    const zh = await signedIn(e2e, `/areas/${area.id}`, 'countrymanager.sg@fieldops.test', inChinese(PHONE), true);
    await zh.getByRole('heading', { name: '负责人员' }).waitFor();
    await e2e.screenshot(zh, 'access-area-page-phone-zh');
    expect(await fitsWidth(zh), await tooWide(zh)).toBeLessThanOrEqual(360);

    // A rep's console has no review queue and no user administration.
    const repPage = await signedIn(e2e, '/', 'rep1.sg@fieldops.test', DESKTOP);
    await repPage.getByRole('link', { name: 'Merchants' }).waitFor();
    expect(await repPage.getByRole('link', { name: 'Visit review' }).count()).toBe(0);
    expect(await repPage.getByRole('link', { name: 'Users and roles' }).count()).toBe(0);
  }, 180_000);

  it('merchant and lead lists count, page, filter through search (pinyin too), show owner and last visit, and export CSV', async () => {
    const cn = await e2e.host.login('rep1.cn@fieldops.test');
    const created = await e2e.host.api('POST', '/api/v1/merchants', {
      token: cn,
      body: {
        legalName: '金福果园有限公司',
        brandName: '金福果园',
        category: 'grocery',
        businessId: '91110000600037341L',
        lat: 31.2304,
        lng: 121.4737,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const managerToken = await e2e.host.login('countrymanager.cn@fieldops.test');
    await expect
      .poll(
        async () =>
          ((await e2e.host.api('GET', '/api/v1/search?type=merchant&q=jinfu&limit=100', { token: managerToken })).body.items ?? []).map(
            (item: { id: string }) => item.id,
          ),
        // The demo has other shops that "jinfu" finds (金福超市): wait for this one.
        { timeout: 60_000 },
      )
      .toContain(created.body.id);

    const page = await signedIn(e2e, '/merchants', 'countrymanager.cn@fieldops.test', inChinese(DESKTOP), true);
    const count = page.getByRole('status').filter({ hasText: /共 \d+ 条/ });
    await count.waitFor();
    const all = await e2e.host.api('GET', '/api/v1/search?type=merchant&facets=type&limit=1', { token: managerToken });
    expect(await count.textContent()).toContain(`共 ${all.body.facets.type.merchant} 条`);
    await page.getByRole('searchbox', { name: '搜索', exact: true }).fill('jinfu');
    const row = page.getByRole('row').filter({ hasText: '金福果园' });
    // Search is still indexing the eight demo countries while this runs.
    await row.waitFor({ timeout: 90_000 });
    expect(await row.textContent()).toMatch(/未拜访|\d{4}年/);
    await e2e.screenshot(page, 'lists-merchants-pinyin-zh');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const csv = fs.readFileSync(await (await download).path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('负责人');
    expect(lines.slice(1).some((line) => line.startsWith('金福果园'))).toBe(true);

    // The global search box finds it from any page.
    await page.getByRole('searchbox', { name: '全局搜索' }).fill('jinfu');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '搜索：jinfu' }).waitFor();
    await page
      .getByRole('link', { name: /金福果园/ })
      .first()
      .click();
    await page.getByRole('heading', { name: '金福果园' }).waitFor({ timeout: 60_000 });

    const leads = await signedIn(e2e, '/leads', 'countrymanager.sg@fieldops.test', DESKTOP);
    await leads.getByRole('tab', { name: 'List' }).click();
    await leads
      .getByRole('status')
      .filter({ hasText: /\d+ found, \d+ shown/ })
      .waitFor();
    const shown = await leads.locator('tbody tr').count();
    expect(shown).toBeGreaterThan(0);
    if (await leads.getByRole('button', { name: 'Load more' }).isVisible()) {
      await leads.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => leads.locator('tbody tr').count()).toBeGreaterThan(shown);
    }
    await leads.getByLabel('Stage').selectOption('new');
    await expect
      .poll(() => leads.locator('tbody tr .badge').allTextContents())
      .toSatisfy((stages: string[]) => stages.every((s) => s === 'New'));
    await e2e.screenshot(leads, 'lists-leads');
    const phone = await signedIn(e2e, '/merchants', 'countrymanager.sg@fieldops.test', PHONE);
    await phone.getByRole('status').filter({ hasText: /found/ }).waitFor();
    await e2e.screenshot(phone, 'lists-merchants-phone');
    // The table scrolls inside its own box; nothing else is wider than the phone.
    expect(await fitsWidth(phone), await tooWide(phone)).toBeLessThanOrEqual(360);
  }, 180_000);

  it('an administrator edits a user, resets a password and disables after confirming, but never themself', async () => {
    const page = await signedIn(e2e, '/admin', 'countrymanager.sg@fieldops.test', DESKTOP);
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('rep8.sg@');
    const row = page.getByRole('row').filter({ hasText: 'rep8.sg@fieldops.test' });
    await row.waitFor();
    await row.getByRole('button', { name: /^Edit/ }).click();
    const form = page.getByRole('form', { name: /^Edit / });
    await form.getByLabel('Name').fill('Renamed Eight');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row').filter({ hasText: 'Renamed Eight' }).waitFor();

    await page
      .getByRole('row')
      .filter({ hasText: 'rep8.sg@fieldops.test' })
      .getByRole('button', { name: /^Reset password/ })
      .click();
    const reset = page.getByRole('form', { name: 'New password for Renamed Eight' });
    await reset.getByLabel('New password').fill('temporary-pass-8');
    await reset.getByRole('button', { name: 'Set the password' }).click();
    await reset.getByRole('status').waitFor();
    const login = await e2e.host.api('POST', '/api/v1/auth/login', {
      body: { email: 'rep8.sg@fieldops.test', password: 'temporary-pass-8' },
    });
    expect(login.status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('row')
      .filter({ hasText: 'rep8.sg@fieldops.test' })
      .getByRole('button', { name: /^Disable/ })
      .click();
    await page.getByRole('row').filter({ hasText: 'rep8.sg@fieldops.test' }).getByText('Disabled').waitFor();
    await e2e.screenshot(page, 'admin-user-actions');
    // A dismissed confirmation changes nothing.
    await page
      .getByRole('row')
      .filter({ hasText: 'rep8.sg@fieldops.test' })
      .getByRole('button', { name: /^Enable/ })
      .click();
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page
      .getByRole('row')
      .filter({ hasText: 'rep8.sg@fieldops.test' })
      .getByRole('button', { name: /^Disable/ })
      .click();
    expect(await page.getByRole('row').filter({ hasText: 'rep8.sg@fieldops.test' }).getByText('Active').count()).toBe(1);

    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('countrymanager.sg@');
    const own = page.getByRole('row').filter({ hasText: 'countrymanager.sg@fieldops.test' });
    await own.waitFor();
    expect(await own.getByRole('button', { name: /^Disable|^Reset password/ }).count()).toBe(0);
  }, 120_000);

  it('every console and field page has no serious or critical axe violation, a skip link, and map pins reachable from the list', async () => {
    const visit = await flaggedVisit(e2e, 'rep7.sg@fieldops.test', 'Accessible Grocer', { lat: 1.3105, lng: 103.8652 });
    const manager = await e2e.host.login('countrymanager.sg@fieldops.test');
    const lead = (await e2e.host.api('GET', '/api/v1/leads?limit=1', { token: manager })).body.items[0];
    const area = (await e2e.host.api('GET', '/api/v1/areas?limit=1', { token: manager })).body.items[0];
    const found: Record<string, unknown> = {};

    async function check(page: Page, route: string, ready: () => Promise<unknown>) {
      await page.goto(route);
      await ready();
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[route] = violations;
    }

    const consolePage = await signedIn(e2e, '/', 'countrymanager.sg@fieldops.test', DESKTOP);
    // The skip link is the first stop of the keyboard (on a freshly loaded page) and moves it to the content.
    await consolePage.goto('/');
    await consolePage.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await consolePage.keyboard.press('Tab');
    expect(await consolePage.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Skip to content');
    await consolePage.keyboard.press('Enter');
    expect(await consolePage.evaluate<string | undefined>('document.activeElement?.id')).toBe('main');

    const heading = (name: string | RegExp) => () => consolePage.getByRole('heading', { name, level: 1 }).first().waitFor();
    for (const [route, ready] of [
      ['/', heading('Dashboard')],
      ['/map', heading('Map')],
      ['/merchants', heading('Merchants')],
      [`/merchants/${visit.merchantId}`, heading('Accessible Grocer')],
      ['/leads', heading('Leads')],
      [`/leads/${lead.id}`, heading(lead.name)],
      ['/areas', heading('Areas')],
      [`/areas/${area.id}`, heading(area.name)],
      ['/team', heading('Team')],
      ['/reviews', heading('Visit review')],
      [`/visits/${visit.id}`, heading('Visit to Accessible Grocer')],
      ['/admin', heading('Users and roles')],
      ['/notifications', heading('Notifications')],
      ['/notifications/preferences', heading('Notification settings')],
    ] as const) {
      await check(consolePage, route, ready);
    }

    // On the map, each pin is reachable from the list with the keyboard: Enter on a record opens its pin's popup.
    await consolePage.goto('/map');
    const first = consolePage.getByRole('list', { name: 'Records in view' }).getByRole('button').first();
    await first.waitFor({ timeout: 30_000 });
    const title = (await first.textContent())?.trim() ?? '';
    await first.focus();
    await consolePage.keyboard.press('Enter');
    await consolePage.locator('.maplibregl-popup').getByText(title).first().waitFor();

    const phone = await signedIn(e2e, '/field/', 'rep7.sg@fieldops.test', PHONE);
    const fieldHeading = (name: string | RegExp) => () => phone.getByRole('heading', { name }).first().waitFor();
    for (const [route, ready] of [
      ['/field/', fieldHeading('My day')],
      ['/field/nearby', fieldHeading('Nearby')],
      ['/field/new-lead', fieldHeading('New lead')],
      ['/field/queue', fieldHeading('Sync queue')],
      [`/field/visit/merchant/${visit.merchantId}?name=Accessible%20Grocer`, fieldHeading('Accessible Grocer')],
      [`/field/visits/${visit.id}`, fieldHeading('Visit to Accessible Grocer')],
      ['/field/notifications', fieldHeading('Notifications')],
    ] as const) {
      await check(phone, route, ready);
    }
    expect(found).toEqual({});
  }, 240_000);
});
