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
  // Closing Chromium and every service takes a while when the machine runs other suites too.
  afterAll(async () => e2e?.stop(), 120_000);

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

  /** A point `metres` north of `point` (a degree of latitude is ~111.2 km everywhere). */
  const north = (point: { lat: number; lng: number }, metres: number) => ({ lat: point.lat + metres / 111_195, lng: point.lng });

  /** Makes `merchantId` the one stop of today's plan of `email`, so the phone lists it wherever it stands. */
  async function planOnly(email: string, merchantId: string, timeZone: string): Promise<void> {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
    const res = await e2e.host.api('PUT', `/api/v1/plans/${today}`, {
      token: await e2e.host.login(email),
      body: { stops: [{ targetType: 'merchant', targetId: merchantId }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('2 km away: Singapore takes the check-in but flags it for review; China refuses it', async () => {
    const shop = { lat: 1.3005, lng: 103.8455 };
    const name = 'Far Away Hardware';
    const merchant = await merchantOf('rep2.sg@fieldops.test', name, shop);
    await planOnly('rep2.sg@fieldops.test', merchant, 'Asia/Singapore');
    const far = north(shop, 2000);
    const sg = await e2e.open('/field/', phoneAt(far.lat, far.lng));
    await signIn(sg.page, 'rep2.sg@fieldops.test');
    await checkInAt(sg.page, name);
    await sg.page.getByText('Checked in, but flagged for review: you seem far from this place.').waitFor();
    await e2e.screenshot(sg.page, 'visit-out-of-range-flagged-sg');
    await answerAndCheckOut(sg.page);
    await sg.page.getByText('Checked out. Your manager will review this visit.').waitFor();
    const [flagged] = await visitsAt('rep2.sg@fieldops.test', merchant);
    expect(flagged?.verification).toBe('pending-review');
    expect(flagged?.riskSignals.map((signal) => signal.code)).toContain('far-from-target');

    // China's policy rejects out of range: rep1.cn's own merchant, seen from 2 km north.
    const cnToken = await e2e.host.login('rep1.cn@fieldops.test');
    const me = (await e2e.host.api('GET', '/api/v1/me', { token: cnToken })).body;
    const own = await e2e.host.api('GET', `/api/v1/merchants?ownerId=${me.user.id}&limit=1&coords=WGS84`, { token: cnToken });
    const target: { id: string; brandName: string; legalName: string; lat: number; lng: number } = own.body.items[0];
    expect(target).toBeDefined();
    await planOnly('rep1.cn@fieldops.test', target.id, 'Asia/Shanghai');
    const farInChina = north(target, 2000);
    const cn = await e2e.open('/field/', phoneAt(farInChina.lat, farInChina.lng));
    await signIn(cn.page, 'rep1.cn@fieldops.test');
    const stop = cn.page.getByRole('list', { name: '拜访点' }).getByRole('listitem').first();
    await stop.getByRole('link', { name: '签到' }).click();
    await cn.page.getByText(/距离 .*。/).waitFor();
    await cn.page.getByRole('button', { name: '签到' }).click();
    const refusal = cn.page.getByRole('alert').filter({ hasText: '签到被拒绝' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/你距此地 2\s?公里，只允许在 \d+\s?米 内签到/);
    await e2e.screenshot(cn.page, 'visit-out-of-range-rejected-cn');
    const visits = await e2e.host.api('GET', `/api/v1/visits?targetType=merchant&targetId=${target.id}&limit=50`, { token: cnToken });
    expect(visits.body.items).toHaveLength(0);
  }, 120_000);

  it('offline, a rep records a visit and a lead; back online both reach the server and the queue empties', async () => {
    const shop = { lat: 1.3521, lng: 103.8198 };
    const name = 'Offline Corner Store';
    const merchant = await merchantOf('rep6.sg@fieldops.test', name, shop);
    await planOnly('rep6.sg@fieldops.test', merchant, 'Asia/Singapore');
    const { context, page } = await e2e.open('/field/', phoneAt(shop.lat, shop.lng));
    const sentCheckIns: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/visits') sentCheckIns.push(request.postDataJSON());
    });
    await signIn(page, 'rep6.sg@fieldops.test');
    await page.getByText('1 planned stop', { exact: true }).waitFor();
    // The app keeps the visit templates while online, so the check-out offline asks the same questions.
    await expect
      .poll(() => page.evaluate<string | null>('localStorage.getItem("fieldops.visitTemplate.merchant")'), { timeout: 30_000 })
      .toContain('terminalWorking');
    await page.evaluate('navigator.serviceWorker.ready');

    await context.setOffline(true);
    await checkInAt(page, name, await storefrontJpeg());
    await page.getByText('Saved on this phone; it will be sent when you are back online.').waitFor();
    await answerAndCheckOut(page);
    await page.getByRole('button', { name: 'Check in' }).waitFor();
    await page.getByRole('link', { name: 'New lead' }).click();
    await page.getByLabel('Name').fill('Offline Noodle Bar');
    await page.getByLabel('Category').selectOption('restaurant');
    await page.getByText(/Your position/).waitFor();
    await page.getByRole('button', { name: 'Save lead' }).click();
    await page.getByText('Saved on this phone').waitFor();
    await page.getByRole('link', { name: 'Queue' }).click();
    const queue = page.getByRole('list', { name: 'Sync queue' }).getByRole('listitem');
    await expect.poll(() => queue.count()).toBe(3);
    await e2e.screenshot(page, 'visit-offline-queue');
    expect(sentCheckIns).toHaveLength(0);

    await context.setOffline(false);
    await page.getByText('Everything is sent.').waitFor();
    expect(await queue.count()).toBe(0);
    await e2e.screenshot(page, 'visit-offline-synced');

    // The replayed check-in said it was made offline, so its old device time is not taken for a wrong clock.
    expect(sentCheckIns).toHaveLength(1);
    expect(sentCheckIns[0]).toMatchObject({ offline: true, targetId: merchant });
    const [visit] = await visitsAt('rep6.sg@fieldops.test', merchant);
    expect(visit?.checkedOutAt).not.toBeNull();
    expect(visit?.photoIds).toHaveLength(1);
    expect(visit?.answers).toMatchObject({ terminalWorking: true, stockOfQrStands: 'good' });
    const token = await e2e.host.login('rep6.sg@fieldops.test');
    const leads = await e2e.host.api('GET', '/api/v1/leads?pool=mine&limit=200', { token });
    expect(leads.body.items.filter((lead: { name: string }) => lead.name === 'Offline Noodle Bar')).toHaveLength(1);
  }, 120_000);

  /** Uploads a photo as `token`'s user through the file API; answers its id. */
  async function uploadPhoto(token: string): Promise<string> {
    const form = new FormData();
    form.append('purpose', 'visit-photo');
    form.append('file', new Blob([new Uint8Array(await storefrontJpeg())], { type: 'image/jpeg' }), 'storefront.jpg');
    const res = await fetch(`${e2e.host.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  it("the manager sees today's visits on the dashboard, then a flagged visit with its evidence in the review queue, and approves it", async () => {
    const shop = { lat: 1.3138, lng: 103.8159 };
    const name = 'Review Me Bakery';
    const merchant = await merchantOf('rep3.sg@fieldops.test', name, shop);
    const rep = await e2e.host.login('rep3.sg@fieldops.test');
    const photoId = await uploadPhoto(rep);
    const id = crypto.randomUUID();
    const far = north(shop, 2000);
    const checkIn = await e2e.host.api('POST', '/api/v1/visits', {
      token: rep,
      body: {
        id,
        targetType: 'merchant',
        targetId: merchant,
        ...far,
        accuracyM: 9,
        deviceTime: new Date().toISOString(),
        mockLocation: false,
        photoIds: [photoId],
      },
    });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
    const checkOut = await e2e.host.api('POST', `/api/v1/visits/${id}/check-out`, {
      token: rep,
      body: {
        deviceTime: new Date().toISOString(),
        outcome: 'met-owner',
        notes: '',
        answers: { terminalWorking: true, stockOfQrStands: 'worn' },
      },
    });
    expect(checkOut.body.verification).toBe('pending-review');

    // The queue shows its oldest visit first: the visits other tests left there are decided through the API.
    const manager = await e2e.host.login('countrymanager.sg@fieldops.test');
    const waiting = await e2e.host.api('GET', '/api/v1/visits/review-queue?limit=50', { token: manager });
    for (const other of waiting.body.items as { id: string }[]) {
      if (other.id === id) continue;
      const decided = await e2e.host.api('POST', `/api/v1/visits/${other.id}/review`, {
        token: manager,
        body: { decision: 'approve', reason: 'seen' },
      });
      expect(decided.status).toBe(200);
    }

    const { page } = await e2e.open('/');
    await signIn(page, 'countrymanager.sg@fieldops.test');
    // The dashboard's tile shows the checkin service's totals of today's visits (all, awaiting review, rejected); the
    // verified count is the performance service's figure, and that service does not run here.
    const total = async (query: string) =>
      (await e2e.host.api('GET', `/api/v1/visits?date=${todayInSingapore()}&limit=1&withTotal=true${query}`, { token: manager })).body
        .total as number;
    const awaiting = await total('&verification=pending-review');
    expect(awaiting).toBeGreaterThanOrEqual(1);
    const expected = [await total(''), '—', awaiting, await total('&verification=rejected')].map(String);
    const tile = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Visits today' }) });
    await expect.poll(() => tile.locator('dd').allTextContents()).toEqual(expected);
    await e2e.screenshot(page, 'console-dashboard-visits');
    await page.getByRole('link', { name: 'Visit review' }).click();
    const evidence = page.getByRole('article', { name: 'Evidence' });
    await evidence.getByRole('heading', { name }).waitFor();
    // The reason is said in words, not as the signal's code.
    await evidence.getByText('The rep checked in 2000 m from the shop, outside the allowed radius.').waitFor();
    // The photo is a button that opens it large; the picture inside it has loaded.
    // (The button shows once the photo's metadata has come; the poll then waits for the picture itself.)
    const enlarge = evidence.getByRole('button', { name: `Enlarge: Photo 1 taken at ${name}` });
    await enlarge.waitFor();
    const photo = enlarge.locator('img');
    await expect
      .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await e2e.screenshot(page, 'visit-review-queue');

    await page.getByLabel('Reason').fill('Owner confirmed the visit by phone');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing to review.').waitFor();
    await e2e.screenshot(page, 'visit-review-approved');
    const reviewed = await e2e.host.api('GET', `/api/v1/visits/${id}`, { token: manager });
    expect(reviewed.body).toMatchObject({ verification: 'approved', reviewReason: 'Owner confirmed the visit by phone' });
  }, 120_000);
});
