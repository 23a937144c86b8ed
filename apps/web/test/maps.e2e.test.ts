import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullTilePolygonMvt } from '../../gateway/test/support/minimal-mvt';
import { minimalPmtiles } from '../../gateway/test/support/minimal-pmtiles';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';
import { handOverOpenTickets } from './support/open-tickets';
import { fitsWidth, inChinese, PHONE, signedIn, tooWide } from './support/record-fixtures';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

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

/** The page's first map (MapLibre, exposed on its element for tests), as an expression evaluated in the page. */
const MAP = 'document.querySelector(\'[data-testid="map"]\')?.maplibre';

/** How many features of a layer the page's first map drew, asked of MapLibre itself (0 before it has loaded). */
function renderedOn(page: Page, layer: string): Promise<number> {
  return page.evaluate<number>(
    `((map) => (map?.getLayer(${JSON.stringify(layer)}) ? map.queryRenderedFeatures({ layers: [${JSON.stringify(layer)}] }).length : 0))(${MAP})`,
  );
}

/** Waits until the map has drawn its territories (their land at city zoom) and named at least one. */
async function mapDrawn(page: Page): Promise<void> {
  await expect.poll(() => renderedOn(page, 'territories-fill'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.locator('.territory-label').count(), { timeout: 30_000 }).toBeGreaterThan(0);
}

/** Moves the page's first map to a zoom, as the zoom buttons would. */
async function zoomTo(page: Page, zoom: number): Promise<void> {
  await page.evaluate(`${MAP}.jumpTo({ zoom: ${zoom} })`);
}

const labels = (page: Page) => page.locator('.territory-label').allTextContents();

/** Today in a time zone, the day a plan is filed under. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

describe.runIf(chromiumForTests())('maps that orient, in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  async function merchantOf(email: string, name: string, at: { lat: number; lng: number }, businessId: string): Promise<string> {
    const token = await e2e.host.login(email);
    const res = await e2e.host.api('POST', '/api/v1/merchants?coords=WGS84', {
      token,
      body: { legalName: `${name} Ltd`, brandName: name, category: 'grocery', businessId, ...at },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  it('the console map draws land, coastlines and named territories; a pin opens a popup; an empty view says so', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Map', exact: true }).click();
    await mapDrawn(page);
    expect(await renderedOn(page, 'territories-outline')).toBeGreaterThan(0);
    // At the city zoom the regions' and planning areas' names show, never the country's over its own region.
    const names = await labels(page);
    expect(names.length).toBeGreaterThan(2);
    expect(names).not.toContain('Singapore');
    expect(new Set(names).size).toBe(names.length);
    await expect.poll(() => renderedOn(page, 'points')).toBeGreaterThan(0);
    await page.getByRole('list', { name: 'Legend' }).getByText('Merchant').waitFor();

    const list = page.getByRole('list', { name: 'Records in view' });
    const row = list
      .getByRole('listitem')
      .filter({ has: page.locator('.dot-merchant') })
      .first();
    const name = (await row.getByRole('button').textContent())?.trim() ?? '';
    await row.getByRole('button').click();
    const popup = page.locator('.maplibregl-popup');
    await popup.getByRole('heading', { name }).waitFor();
    await popup.getByText('Owner').waitFor();
    await popup.getByText('Last visit').waitFor();
    await expect.poll(() => popup.locator('dd').allTextContents()).not.toContain('…');
    expect(await popup.getByRole('link', { name: 'Open' }).getAttribute('href')).toMatch(/^\/merchants\//);
    await e2e.screenshot(page, 'maps-console-en-1440');

    await page.getByRole('main').getByRole('searchbox', { name: 'Search' }).fill('no shop is called this');
    await page.getByText('No records here — zoom out or clear the search.').waitFor();
    expect(e2e.policyViolations).toEqual([]);
  }, 120_000);

  it('someone who sees several countries switches the map to one: it moves there and shows only its records', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'admin@fieldops.test');
    await page.getByRole('link', { name: 'Map', exact: true }).click();
    await mapDrawn(page);
    await page.getByRole('combobox', { name: 'Country' }).selectOption('BR');
    const centre = () => page.evaluate<{ lng: number; lat: number }>(`${MAP}.getCenter()`);
    await expect.poll(async () => Math.round((await centre()).lng), { timeout: 30_000 }).toBe(-47);
    expect(Math.round((await centre()).lat)).toBe(-24);
    const links = page.getByRole('list', { name: 'Records in view' }).getByRole('link', { name: 'Open' });
    await expect.poll(() => links.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const token = await e2e.host.login('admin@fieldops.test');
    for (const href of (await links.evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''))).slice(0, 5)) {
      const record = await e2e.host.api('GET', `/api/v1${href}`, { token });
      expect(record.body.country, href).toBe('BR');
    }
    await mapDrawn(page);
    await e2e.screenshot(page, 'maps-console-country-en-1440');

    // On a phone, in Chinese, the switcher names the countries in Chinese and the page still fits.
    const phone = await signedIn(e2e, '/map', 'admin@fieldops.test', inChinese(PHONE), true);
    const switcher = phone.getByRole('combobox', { name: '国家/地区' });
    await switcher.selectOption('BR');
    expect(await switcher.locator('option:checked').textContent()).toBe('巴西');
    await mapDrawn(phone);
    expect(await fitsWidth(phone), await tooWide(phone)).toBeLessThanOrEqual(360);
    await e2e.screenshot(phone, 'maps-console-country-zh-CN-360');

    // A country manager sees one country: no switcher.
    const manager = await e2e.open('/', DESKTOP);
    await signIn(manager.page, 'countrymanager.sg@fieldops.test');
    await manager.page.getByRole('link', { name: 'Map', exact: true }).click();
    await mapDrawn(manager.page);
    expect(await manager.page.getByRole('combobox', { name: 'Country' }).count()).toBe(0);
  }, 120_000);

  it('zoomed out, one name per territory level: districts give way to their cities, cities to their country', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Map', exact: true }).click();
    await mapDrawn(page);
    const close = await labels(page);
    await zoomTo(page, 9);
    await expect.poll(() => labels(page)).not.toEqual(close);
    const far = await labels(page);
    expect(far.length).toBeLessThan(close.length);
    expect(far).toContain('Central Region');
    // Far out, Natural Earth draws the land and its coasts, and the country is named alone.
    await zoomTo(page, 7);
    await expect.poll(() => labels(page)).toEqual(['Singapore']);
    await expect.poll(() => renderedOn(page, 'land')).toBeGreaterThan(0);
    expect(await renderedOn(page, 'coastline')).toBeGreaterThan(0);
    await e2e.screenshot(page, 'maps-console-en-1440-zoomed-out');
  }, 90_000);

  it('a console in Chinese draws Shanghai with its district names (1440 px)', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'countrymanager.cn@fieldops.test');
    await page.getByRole('link', { name: '地图', exact: true }).click();
    await mapDrawn(page);
    expect((await labels(page)).some((name) => /区/.test(name))).toBe(true);
    await page.getByRole('list', { name: '图例' }).waitFor();
    await e2e.screenshot(page, 'maps-console-zh-CN-1440');
  }, 90_000);

  it('Nearby lists the records around a rep at 360 px, and shows them on its map', async () => {
    const shop = { lat: 1.3012, lng: 103.8572 };
    await merchantOf('rep3.sg@fieldops.test', 'Nearby Noodle Bar', shop, '201912345K');
    const { page } = await e2e.open('/field/', phoneAt(1.3008, 103.857));
    await signIn(page, 'rep3.sg@fieldops.test');
    await page.getByRole('link', { name: 'Nearby' }).click();
    const list = page.getByRole('list', { name: 'Nearby records' });
    await list.getByRole('listitem').filter({ hasText: 'Nearby Noodle Bar' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBeGreaterThan(1);
    // The records are on the map too (with the places' clusters when there are too many to list).
    await expect.poll(() => renderedOn(page, 'points'), { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await e2e.screenshot(page, 'maps-field-nearby-en-360');
    expect(e2e.policyViolations).toEqual([]);
  }, 120_000);

  it('my day frames every stop, numbers them in visit order with the next one marked, and hands each to a map app', async () => {
    const first = { lat: 1.2903, lng: 103.8519 };
    const second = { lat: 1.3138, lng: 103.8895 };
    await handOverOpenTickets(e2e, 'rep4.sg@fieldops.test', 'countrymanager.sg@fieldops.test');
    const a = await merchantOf('rep4.sg@fieldops.test', 'Route Stop Alpha', first, '201912345K');
    const b = await merchantOf('rep4.sg@fieldops.test', 'Route Stop Bravo', second, '201912345K');
    const plan = await e2e.host.api('PUT', `/api/v1/plans/${todayIn('Asia/Singapore')}`, {
      token: await e2e.host.login('rep4.sg@fieldops.test'),
      body: { stops: [a, b].map((targetId) => ({ targetType: 'merchant', targetId })), start: first },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const { page } = await e2e.open('/field/', phoneAt(first.lat, first.lng));
    await signIn(page, 'rep4.sg@fieldops.test');
    await page.getByText('2 planned stops').waitFor();
    const stops = page.getByRole('list', { name: 'Stops' }).getByRole('listitem');
    const alpha = stops.filter({ hasText: 'Route Stop Alpha' });
    const navigate = await alpha.getByRole('link', { name: 'Navigate' }).getAttribute('href');
    expect(navigate).toBe('geo:1.290300,103.851900?q=1.290300,103.851900(Route%20Stop%20Alpha)');
    expect(await stops.first().getAttribute('aria-current')).toBe('step');
    await mapDrawn(page);
    expect(await page.locator('.maplibregl-marker.stop-marker').allTextContents()).toEqual(['1', '2']);
    expect(await page.locator('.maplibregl-marker.stop-next').count()).toBe(1);
    // Both stops are inside the map's view.
    const inView = await page.evaluate<boolean>(
      `((bounds) => ${JSON.stringify([first, second])}.every((p) => bounds.contains([p.lng, p.lat])))(${MAP}.getBounds())`,
    );
    expect(inView).toBe(true);
    await e2e.screenshot(page, 'maps-field-my-day-en-360');
  }, 120_000);

  it("a rep in China gets Amap's link to navigate, and the field app's maps in Chinese at 360 px", async () => {
    const shop = { lat: 31.2304, lng: 121.4737 };
    const merchant = await merchantOf('rep1.cn@fieldops.test', '金福超市', shop, '91110000600037341L');
    const plan = await e2e.host.api('PUT', `/api/v1/plans/${todayIn('Asia/Shanghai')}`, {
      token: await e2e.host.login('rep1.cn@fieldops.test'),
      body: { stops: [{ targetType: 'merchant', targetId: merchant }] },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const { page } = await e2e.open('/field/', phoneAt(31.2312, 121.4745));
    await signIn(page, 'rep1.cn@fieldops.test');
    const stop = page.getByRole('list', { name: '拜访点' }).getByRole('listitem').filter({ hasText: '金福超市' });
    const navigate = await stop.getByRole('link', { name: '导航' }).getAttribute('href');
    expect(navigate).toContain('https://uri.amap.com/marker?position=121.473700,31.230400');
    expect(navigate).toContain('coordinate=wgs84');
    await mapDrawn(page);
    await e2e.screenshot(page, 'maps-field-my-day-zh-CN-360');
    await page.getByRole('link', { name: '附近' }).click();
    await page.getByRole('list', { name: '附近的记录' }).getByRole('listitem').first().waitFor();
    await mapDrawn(page);
    await e2e.screenshot(page, 'maps-field-nearby-zh-CN-360');
  }, 120_000);
});

describe.runIf(chromiumForTests())('a self-hosted PMTiles basemap, in Chromium', () => {
  let e2e: E2e;
  let dir: string;
  beforeAll(async () => {
    // One real vector tile at zoom 0 whose "earth" layer covers the world; MapLibre over-zooms it to any view.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basemap-e2e-'));
    const archive = minimalPmtiles([{ z: 0, x: 0, y: 0, data: fullTilePolygonMvt('earth') }], { name: 'test earth' });
    fs.writeFileSync(path.join(dir, 'earth.pmtiles'), archive);
    e2e = await startE2e({ env: { MAP_TILES_FILE: path.join(dir, 'earth.pmtiles') } });
  }, 180_000);
  afterAll(async () => {
    await e2e?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('the console map reads its tiles from the gateway by range and draws the Protomaps layers, under the page policy', async () => {
    const ranges: string[] = [];
    const { page } = await e2e.open('/', DESKTOP);
    page.on('request', (request) => {
      if (request.url().endsWith('/tiles/basemap.pmtiles')) ranges.push(request.headers().range ?? 'none');
    });
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Map', exact: true }).click();
    await expect.poll(() => renderedOn(page, 'earth'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.territory-label').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((range) => /^bytes=\d+-\d+$/.test(range))).toBe(true);
    expect(e2e.policyViolations).toEqual([]);
    await e2e.screenshot(page, 'maps-console-pmtiles-1440');
  }, 120_000);
});
