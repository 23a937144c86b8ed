import zlib from 'node:zlib';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** A 320×200 RGB PNG painted pixel by pixel, so the screenshots show photos of a size a phone takes, not dots. */
function png(paint: (x: number, y: number) => [number, number, number]): Buffer {
  const [width, height] = [320, 200];
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(paint(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PHOTO = png((x, y) => [60 + (x % 160), 110 + (y % 90), 150]);
/** Dark ink on white along a wave: what the signature pad sends. */
const SIGNATURE = png((x, y) => (Math.abs(y - 100 - 40 * Math.sin(x / 25)) < 3 ? [20, 30, 60] : [255, 255, 255]));
const SHOP = { lat: 1.2903, lng: 103.8519 };
/** About 400 m north of the shop: outside Singapore's 150 m check-in radius, which flags the visit. */
const DOWN_THE_ROAD = { lat: 1.2939, lng: 103.8519 };

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await seriousViolations(page), what).toEqual([]);
}

async function speak(page: Page, language: string): Promise<void> {
  await page.locator('.language-switcher select').selectOption(language);
}

describe.runIf(chromiumForTests())('reviewing tickets completed on site with a flagged visit, in the console in Chromium', () => {
  let e2e: E2e;
  let rep: string;
  const ids: Record<'approve' | 'reject' | 'readOnly', string> = { approve: '', reject: '', readOnly: '' };
  const titles = {
    approve: 'Printer head at Harbour Kopitiam',
    reject: 'Card reader at Lau Pa Sat stall',
    readOnly: 'Screen at Telok Ayer cafe',
  };

  async function upload(name: string, purpose: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('purpose', purpose);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
    const response = await fetch(`${e2e.host.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rep}` },
      body: form,
    });
    const body = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body.id;
  }

  /** A repair ticket the rep completed at the merchant from where the check-in gets flagged: it waits in review. */
  async function aTicketInReview(title: string, checkIn: { lat: number; lng: number; mockLocation: boolean }): Promise<string> {
    const api = e2e.host.api.bind(e2e.host);
    const merchant = await api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: `${title} Pte Ltd`, category: 'cafe', businessId: '201912345K', ...SHOP },
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const ticket = await api('POST', '/api/v1/tickets', {
      token: rep,
      body: {
        type: 'equipment-repair',
        title,
        merchantId: merchant.body.id,
        fields: { terminalModel: 'PAX A920', serialNumber: 'SN20261205', symptom: 'printer' },
      },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const visit = await api('POST', '/api/v1/visits', {
      token: rep,
      body: { targetType: 'merchant', targetId: merchant.body.id, accuracyM: 12, deviceTime: new Date().toISOString(), ...checkIn },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    const done = await api('POST', `/api/v1/tickets/${ticket.body.id}/complete-on-site`, {
      token: rep,
      headers: { 'if-match': ticket.headers.get('etag') ?? '' },
      body: {
        visitId: visit.body.id,
        photoIds: [await upload('work-1.png', 'visit-photo', PHOTO), await upload('work-2.png', 'visit-photo', PHOTO)],
        signatureFileId: await upload('signature.png', 'other', SIGNATURE),
        note: 'Replaced the part',
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('review');
    return done.body.id;
  }

  beforeAll(async () => {
    e2e = await startE2e();
    rep = await e2e.host.login('rep1.sg@fieldops.test');
    ids.approve = await aTicketInReview(titles.approve, { ...DOWN_THE_ROAD, mockLocation: false });
    ids.reject = await aTicketInReview(titles.reject, { ...SHOP, mockLocation: true });
    ids.readOnly = await aTicketInReview(titles.readOnly, { ...SHOP, mockLocation: true });
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('a reviewer finds the ticket in the review queue, reads the evidence and approves it: resolved, the decision in the timeline', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('tab', { name: 'Waiting for review' }).click();
    const rows = page.locator('table.ticket-queue tbody tr');
    for (const title of Object.values(titles)) await page.getByRole('link', { name: title }).waitFor({ timeout: 30_000 });
    // The view holds only tickets in review.
    expect(new Set(await rows.locator('td:nth-child(4)').allTextContents())).toEqual(new Set(['In review']));
    await e2e.screenshot(page, 'console-tickets-review-queue');

    await page.getByRole('link', { name: titles.approve }).click();
    const review = page.getByRole('region', { name: 'On-site completion to review' });
    await review.waitFor();
    // The visit's risk signal in words, with the distance the rep stood from the shop.
    await review.getByText(/The rep checked in \d+ m from the shop, outside the allowed radius\./).waitFor();
    await review.getByRole('button', { name: 'Enlarge: Merchant’s signature' }).waitFor();
    await review.getByRole('button', { name: 'Enlarge: Photo of the work 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Photo of the work 2' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectAccessible(page, 'ticket in review');
    await e2e.screenshot(page, 'console-ticket-review-desktop');
    await speak(page, 'zh-CN');
    await page.getByRole('region', { name: '现场完成待审核' }).getByRole('button', { name: '通过并解决' }).waitFor();
    await e2e.screenshot(page, 'console-ticket-review-zh-CN-desktop');
    await speak(page, 'en');

    await review.getByRole('button', { name: 'Approve and resolve' }).click();
    await page.locator('.facts .badge', { hasText: 'Resolved' }).waitFor();
    await review.waitFor({ state: 'detached' });
    await page.locator('.timeline li', { hasText: 'Reviewed (approved)' }).waitFor();
    expect(await page.locator('.timeline li', { hasText: 'Completed on site' }).textContent()).toContain('In review');
  }, 120_000);

  it('on a phone a rejection needs a reason; rejected, the ticket goes back in progress with the reason in the timeline', async () => {
    const { page } = await e2e.open(`/console/tickets/${ids.reject}`, PHONE);
    await signIn(page, 'countrymanager.sg@fieldops.test');
    const review = page.getByRole('region', { name: 'On-site completion to review' });
    await review.getByText('The phone reported a fake (mock) location.').waitFor();
    const reject = review.getByRole('button', { name: 'Reject and send back' });
    expect(await reject.isDisabled()).toBe(true);
    await expectAccessible(page, 'ticket in review on a phone');
    await e2e.screenshot(page, 'console-ticket-review-phone');
    await speak(page, 'zh-CN');
    await page.getByRole('region', { name: '现场完成待审核' }).getByRole('button', { name: '驳回并退回' }).waitFor();
    await e2e.screenshot(page, 'console-ticket-review-zh-CN-phone');
    await speak(page, 'en');

    await review.getByLabel('Reason (required to reject)').fill('The photos show another shop');
    await reject.click();
    await page.locator('.facts .badge', { hasText: 'In progress' }).waitFor();
    await review.waitFor({ state: 'detached' });
    await page.locator('.timeline li', { hasText: 'Reviewed (rejected)' }).filter({ hasText: 'The photos show another shop' }).waitFor();
    // Nothing wider than the phone's screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await e2e.screenshot(page, 'console-ticket-rejected-phone');
  }, 120_000);

  it('a user without ticket:review sees the evidence of their own ticket but no decision', async () => {
    const { page } = await e2e.open(`/console/tickets/${ids.readOnly}`, DESKTOP);
    await signIn(page, 'rep1.sg@fieldops.test');
    const review = page.getByRole('region', { name: 'On-site completion to review' });
    await review.getByText('The phone reported a fake (mock) location.').waitFor();
    await review.getByRole('button', { name: 'Enlarge: Merchant’s signature' }).waitFor();
    expect(await page.getByRole('button', { name: /Approve|Reject/ }).count()).toBe(0);
    expect(await review.getByLabel('Reason (required to reject)').count()).toBe(0);
    await e2e.screenshot(page, 'console-ticket-review-read-only');
  }, 90_000);
});
