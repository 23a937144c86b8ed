import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

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

/** A real JPEG, as a phone camera would hand the page (the file service reads its bytes, not its name). */
async function storefrontJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Today in Singapore, the day the checkin service files a Singapore visit under. */
const todayInSingapore = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Singapore' }).format(new Date());

interface Visit {
  id: string;
  targetId: string;
  verification: string;
  photoIds: string[];
  answers: Record<string, unknown>;
  checkedOutAt: string | null;
  riskSignals: { code: string }[];
}

describe.runIf(chromiumForTests())('field visits in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  afterAll(async () => e2e?.stop());

  /** A Singapore merchant owned by `email`, made through the API; answers its id. */
  async function merchantOf(email: string, name: string, at: { lat: number; lng: number }): Promise<string> {
    const token = await e2e.host.login(email);
    const res = await e2e.host.api('POST', '/api/v1/merchants', {
      token,
      body: { legalName: `${name} Pte Ltd`, brandName: name, category: 'grocery', businessId: '201912345K', ...at },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  async function visitsAt(email: string, merchantId: string): Promise<Visit[]> {
    const token = await e2e.host.login(email);
    const res = await e2e.host.api('GET', `/api/v1/visits?targetType=merchant&targetId=${merchantId}&limit=50`, { token });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async function checkInAt(page: Page, name: string, photo?: Buffer): Promise<void> {
    const stop = page.getByRole('list', { name: 'Stops' }).getByRole('listitem').filter({ hasText: name });
    await stop.getByRole('link', { name: 'Check in' }).click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByText(/You are .* away/).waitFor();
    if (photo)
      await page.getByLabel('Photo of the storefront').setInputFiles({ name: 'storefront.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Check in' }).click();
  }

  async function answerAndCheckOut(page: Page): Promise<void> {
    await page.getByLabel('Is the payment terminal working? *').check();
    await page.getByLabel('QR stand condition *').selectOption('good');
    await page.getByLabel('Transactions so far today').fill('23');
    await page.getByLabel('Notes').fill('Terminal fine, two new QR stands');
    await page.getByRole('button', { name: 'Check out' }).click();
  }

  it('a rep sees the plan of the day, checks in at a stop with a camera photo and checks out with the template', async () => {
    const shop = { lat: 1.2903, lng: 103.8519 };
    const name = 'Planned Provision Shop';
    const merchant = await merchantOf('rep1.sg@fieldops.test', name, shop);
    const other = await merchantOf('rep1.sg@fieldops.test', 'Second Stop Mart', { lat: 1.2951, lng: 103.8581 });
    const plan = await e2e.host.api('PUT', `/api/v1/plans/${todayInSingapore()}`, {
      token: await e2e.host.login('rep1.sg@fieldops.test'),
      body: { stops: [other, merchant].map((targetId) => ({ targetType: 'merchant', targetId })), start: shop },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);

    const { page } = await e2e.open('/field/', phoneAt(shop.lat, shop.lng));
    await signIn(page, 'rep1.sg@fieldops.test');
    await page.getByText('2 planned stops').waitFor();
    const stops = page.getByRole('list', { name: 'Stops' }).getByRole('listitem');
    // The route optimiser starts at the shop, so it comes first.
    await expect.poll(() => stops.first().textContent()).toContain(name);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await e2e.screenshot(page, 'visit-plan-of-the-day');

    await checkInAt(page, name, await storefrontJpeg());
    await page
      .getByRole('status')
      .filter({ hasText: /Checked in/ })
      .waitFor();
    await page.getByLabel('QR stand condition *').waitFor();
    await e2e.screenshot(page, 'visit-checked-in-template');
    await answerAndCheckOut(page);
    await page.getByText('Checked out. Thank you!').waitFor();
    await e2e.screenshot(page, 'visit-checked-out');

    const [visit] = await visitsAt('rep1.sg@fieldops.test', merchant);
    expect(visit?.photoIds).toHaveLength(1);
    expect(visit?.answers).toEqual({ terminalWorking: true, stockOfQrStands: 'good', transactionsToday: 23 });
    expect(visit?.checkedOutAt).not.toBeNull();
    const photo = await e2e.host.api('GET', `/api/v1/files/${visit?.photoIds[0]}`, {
      token: await e2e.host.login('rep1.sg@fieldops.test'),
    });
    expect(photo.body).toMatchObject({ mimeType: 'image/jpeg', purpose: 'visit-photo' });
  }, 120_000);
});
