import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';
import { fitsWidth, tooWide } from './support/record-fixtures';

/** A 360 px wide phone standing at a point, with the location permission granted. */
function phoneAt(latitude: number, longitude: number): BrowserContextOptions {
  return {
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    geolocation: { latitude, longitude, accuracy: 12 },
    permissions: ['geolocation'],
  };
}

async function newLead(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'New lead' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Category').selectOption('cafe');
  await page.getByText(/Your position/).waitFor();
  await page.getByRole('button', { name: 'Save lead' }).click();
}

describe.runIf(chromiumForTests())('the field app in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  // Closing Chromium and every service takes a while when the machine runs other suites too.
  afterAll(async () => e2e?.stop(), 120_000);

  it('a rep signs in on a 360 px phone and sees the day: stops nearest first, on a map', async () => {
    const { page } = await e2e.open('/field/', phoneAt(1.2903, 103.8519));
    await signIn(page, 'rep1.sg@fieldops.test');
    await page.getByRole('heading', { name: 'My day' }).waitFor();
    await page.getByRole('list', { name: 'Stops' }).getByRole('listitem').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    const manifest = await page.evaluate<string | null>('document.querySelector("link[rel=manifest]")?.getAttribute("href") ?? null');
    expect(manifest).toBe('/field/manifest.webmanifest');
    await e2e.screenshot(page, 'field-my-day');
  }, 60_000);

  it('a lead with the name of one nearby is caught, and the rep claims the existing one', async () => {
    const spot = { lat: 1.2951, lng: 103.8581 };
    const first = await e2e.open('/field/', phoneAt(spot.lat, spot.lng));
    await signIn(first.page, 'rep3.sg@fieldops.test');
    await newLead(first.page, 'Ah Seng Kopi Stall');
    await first.page.getByText('Ah Seng Kopi Stall is now your lead.').waitFor();
    // The first rep lets it go, so it waits in the public pool.
    const token = await e2e.host.login('rep3.sg@fieldops.test');
    const mine = await e2e.host.api('GET', '/api/v1/leads?pool=mine&limit=200', { token });
    const created = mine.body.items.find((lead: { name: string }) => lead.name === 'Ah Seng Kopi Stall');
    expect((await e2e.host.api('POST', `/api/v1/leads/${created.id}/release`, { token })).status).toBe(200);

    const second = await e2e.open('/field/', phoneAt(spot.lat + 0.00005, spot.lng));
    await signIn(second.page, 'rep4.sg@fieldops.test');
    // Typing the name is enough for the warning, before anything is saved.
    await second.page.getByRole('link', { name: 'New lead' }).click();
    await second.page.getByLabel('Name').fill('Ah Seng Kopi Stall');
    const live = second.page.getByRole('alert', { name: 'This shop is already recorded nearby' });
    await live.getByRole('button', { name: 'Claim existing' }).waitFor();
    expect(await fitsWidth(second.page), await tooWide(second.page)).toBeLessThanOrEqual(360);
    await e2e.screenshot(second.page, 'field-duplicate-while-typing');
    await newLead(second.page, 'Ah Seng Kopi Stall');
    const warning = second.page.getByRole('alert', { name: 'This lead already exists nearby' });
    await warning.waitFor();
    await e2e.screenshot(second.page, 'field-duplicate-lead');
    await warning.getByRole('button', { name: 'Claim existing' }).click();
    await second.page.getByText('Ah Seng Kopi Stall is now yours.').waitFor();

    const rep4 = await e2e.host.login('rep4.sg@fieldops.test');
    const claimed = await e2e.host.api('GET', `/api/v1/leads/${created.id}`, { token: rep4 });
    expect(claimed.body).toMatchObject({ pool: 'private', name: 'Ah Seng Kopi Stall' });
    const all = await e2e.host.api('GET', '/api/v1/leads?limit=200', { token: await e2e.host.login('countrymanager.sg@fieldops.test') });
    expect(all.body.items.filter((lead: { name: string }) => lead.name === 'Ah Seng Kopi Stall')).toHaveLength(1);
  }, 90_000);

  it('a rep offline records a lead; it waits in the visible queue and syncs when the phone is back online', async () => {
    const { context, page } = await e2e.open('/field/', phoneAt(1.3521, 103.8198));
    await signIn(page, 'rep5.sg@fieldops.test');
    await page.getByRole('heading', { name: 'My day' }).waitFor();

    // The service worker has the app shell: the app opens again without a network, still signed in.
    await page.evaluate('navigator.serviceWorker.ready');
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'My day' }).waitFor();
    await newLead(page, 'Offline Laksa House');
    await page.getByText('Saved on this phone').waitFor();
    await page.getByRole('link', { name: 'Queue' }).click();
    await page.getByRole('list', { name: 'Sync queue' }).getByText('New lead: Offline Laksa House').waitFor();
    await expect.poll(() => page.getByRole('status', { name: 'Sync queue' }).textContent()).toContain('Offline');
    await e2e.screenshot(page, 'field-offline-queue');

    await context.setOffline(false);
    await page.getByText('Everything is sent.').waitFor();
    await e2e.screenshot(page, 'field-queue-synced');
    const token = await e2e.host.login('rep5.sg@fieldops.test');
    const mine = await e2e.host.api('GET', '/api/v1/leads?pool=mine&limit=200', { token });
    const synced = mine.body.items.filter((lead: { name: string }) => lead.name === 'Offline Laksa House');
    expect(synced).toHaveLength(1);
    expect(synced[0].lat).toBeCloseTo(1.3521, 4);
  }, 90_000);

  it('a rep of Brazil sees the field app started in Portuguese; a rep of China sees it in Chinese', async () => {
    const china = await e2e.open('/field/', phoneAt(31.2304, 121.4737));
    await signIn(china.page, 'rep1.cn@fieldops.test');
    await china.page.getByRole('heading', { name: '我的一天' }).waitFor();
    await e2e.screenshot(china.page, 'field-zh-CN-my-day');
    const brazil = await e2e.open('/field/', phoneAt(-23.5505, -46.6333));
    await signIn(brazil.page, 'rep1.br@fieldops.test');
    await brazil.page.getByRole('heading', { name: 'Meu dia' }).waitFor();
  }, 60_000);
});
