import type { Clock } from '@fieldops/platform';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';
import { handOverOpenTickets } from './support/open-tickets';

type Point = { lat: number; lng: number };

/** Real time plus whatever the suite moved it by: the tests before the move run on today's clock. */
class MovedClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const DAY = 86_400_000;

/** A 360 px phone or a 1440 px desktop standing at a point, with the location permission granted. */
function deviceAt(at: Point, width: 360 | 1440): BrowserContextOptions {
  return {
    viewport: width === 360 ? { width: 360, height: 740 } : { width: 1440, height: 900 },
    ...(width === 360 ? { isMobile: true, hasTouch: true } : {}),
    geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 10 },
    permissions: ['geolocation'],
  };
}

/** A phone camera's photo of the work: larger than the app sends, so it is made smaller first. */
const workPhoto = () =>
  sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();

/** Day `at` in Singapore. */
const dayInSingapore = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Singapore' }).format(new Date(at));

describe.runIf(chromiumForTests())('field app tickets in Chromium: my tickets, completed on site, offline', () => {
  const clock = new MovedClock();
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ clock });
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  const token = (email: string) => e2e.host.login(email);

  /** A merchant of the rep's at `at`, with a contact to sign, and an urgent repair ticket on it assigned to the rep. */
  async function ticketAt(rep: string, name: string, title: string, at: Point): Promise<{ merchantId: string; ticketId: string }> {
    const repToken = await token(rep);
    const merchant = await e2e.host.api('POST', '/api/v1/merchants', {
      token: repToken,
      body: {
        legalName: `${name} Pte Ltd`,
        brandName: name,
        category: 'cafe',
        businessId: '201912345K',
        address: '12 Tanjong Pagar Road',
        contacts: [{ name: 'Tan Mei Ling', role: 'owner', phone: '9123 4567' }],
        ...at,
      },
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const created = await e2e.host.api('POST', '/api/v1/tickets', {
      token: repToken,
      body: {
        type: 'equipment-repair',
        priority: 'urgent',
        merchantId: merchant.body.id,
        title,
        fields: { terminalModel: 'PAX A920', serialNumber: 'SN20261205', symptom: 'printer' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const me = await e2e.host.api('GET', '/api/v1/me', { token: repToken });
    const assigned = await e2e.host.api('POST', `/api/v1/tickets/${created.body.id}/assign`, {
      token: await token('countrymanager.sg@fieldops.test'),
      body: { assigneeId: me.body.user.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    return { merchantId: merchant.body.id, ticketId: created.body.id };
  }

  const ticketOf = async (rep: string, id: string) =>
    (await e2e.host.api('GET', `/api/v1/tickets/${id}`, { token: await token(rep) })).body;

  /** The evidence the completion recorded in the ticket's history. */
  async function completionOf(rep: string, id: string) {
    const history = await e2e.host.api('GET', `/api/v1/tickets/${id}/history`, { token: await token(rep) });
    return (history.body.history as { kind: string; to: string; detail: Record<string, unknown> }[]).find(
      (entry) => entry.kind === 'completed-on-site',
    );
  }

  /** The page fits its width, has no serious or critical axe violation, and is kept as a screenshot. */
  async function checkScreen(page: Page, name: string): Promise<void> {
    const width = page.viewportSize()?.width ?? 0;
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    expect(await seriousViolations(page)).toEqual([]);
    await e2e.screenshot(page, name);
  }

  const inLanguage = async (page: Page, code: string) => {
    await page.evaluate(`localStorage.setItem('fieldops.language', '${code}')`);
    await page.reload();
  };

  /** The merchant contact signs: three strokes of a finger across the pad. */
  async function sign(page: Page, pad: string): Promise<void> {
    const canvas = page.getByRole('img', { name: pad });
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the signature pad is not on screen');
    const strokes = [
      [
        [0.1, 0.7],
        [0.2, 0.3],
        [0.3, 0.7],
        [0.4, 0.3],
      ],
      [
        [0.5, 0.6],
        [0.65, 0.4],
        [0.8, 0.6],
      ],
    ];
    for (const stroke of strokes) {
      const [first, ...rest] = stroke as [number, number][];
      await page.mouse.move(box.x + (first?.[0] ?? 0) * box.width, box.y + (first?.[1] ?? 0) * box.height);
      await page.mouse.down();
      for (const [x, y] of rest) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 5 });
      await page.mouse.up();
    }
  }

  /** Photo, signature, submit: the completion's own part, once checked in. */
  async function addEvidence(page: Page, labels: { addPhoto: string; added: string; pad: string; signed: string }): Promise<void> {
    await page.getByLabel(labels.addPhoto).setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await workPhoto() });
    // Decoding and drawing a large photo takes a while on a slow machine.
    await page.getByText(labels.added).waitFor({ timeout: 30_000 });
    await sign(page, labels.pad);
    await page.getByRole('status').filter({ hasText: labels.signed }).waitFor();
  }

  const english = { addPhoto: 'Add a photo of the work', added: '1 photo added', pad: 'Signature pad', signed: 'Signed.' };

  it('the rep opens my tickets, starts work, checks in at the merchant, adds a photo, has the contact sign, and it is resolved', async () => {
    const rep = 'rep3.sg@fieldops.test';
    const shop = { lat: 1.2764, lng: 103.8435 };
    const { ticketId } = await ticketAt(rep, 'Tanjong Pagar Kopi', 'Terminal does not print receipts', shop);
    const { page } = await e2e.open('/field/', deviceAt(shop, 360));
    await signIn(page, rep);
    await page.getByRole('navigation', { name: 'FieldOps field' }).getByRole('link', { name: 'Tickets' }).click();
    const mine = page
      .getByRole('list', { name: 'My open tickets' })
      .getByRole('listitem')
      .filter({ hasText: 'Terminal does not print receipts' });
    await mine.getByText(/SLA due /).waitFor();
    await mine.getByText('Tanjong Pagar Kopi').waitFor();
    await checkScreen(page, 'field-tickets-mine');
    await inLanguage(page, 'zh-CN');
    await page.getByRole('heading', { name: '我的工单' }).waitFor();
    await page
      .getByText(/SLA 截止 /)
      .first()
      .waitFor();
    await checkScreen(page, 'field-tickets-mine-zh-CN');
    await inLanguage(page, 'en');

    await page.getByRole('link', { name: 'Terminal does not print receipts' }).click();
    await page.getByRole('heading', { name: 'Terminal does not print receipts' }).waitFor();
    await page.getByText('Tanjong Pagar Kopi · 12 Tanjong Pagar Road').waitFor();
    expect(await page.getByRole('link', { name: 'Navigate' }).getAttribute('href')).toMatch(/^geo:1\.276400,103\.843500/);
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.getByText('Work started.').waitFor();
    await page.locator('.facts .badge', { hasText: 'In progress' }).waitFor();
    expect((await ticketOf(rep, ticketId)).state).toBe('in_progress');

    await page.getByRole('link', { name: 'Complete on site' }).click();
    await page.getByText(/You are .* away/).waitFor();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Checked in at Tanjong Pagar Kopi at / })
      .waitFor();
    // Submitting without the evidence says what is missing; nothing is sent.
    await page.getByRole('button', { name: 'Complete the ticket' }).click();
    const lacking = page.getByRole('alert').filter({ hasText: 'Add at least one photo of the work. Ask the merchant contact to sign.' });
    await lacking.waitFor();
    await page.getByText('Tan Mei Ling signs below with a finger.').waitFor();
    await addEvidence(page, english);
    // What was missing is said no more once it is there.
    await lacking.waitFor({ state: 'detached' });
    // A thumbnail of what will be sent, made smaller than the camera's photo.
    const thumbnail = page.getByRole('img', { name: 'Photo 1 of the work' });
    expect(await thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1600);
    // Cleared and signed again: only the second signature is sent.
    await page.getByRole('button', { name: 'Clear signature' }).click();
    await page.getByRole('status').filter({ hasText: 'Not signed yet.' }).waitFor();
    await sign(page, 'Signature pad');
    await page.getByLabel('Note (optional)').fill('Printer head replaced');
    await checkScreen(page, 'field-ticket-complete-on-site');
    await page.getByRole('button', { name: 'Complete the ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'Resolved. Thank you!' }).waitFor();
    await checkScreen(page, 'field-ticket-resolved');

    const stored = await ticketOf(rep, ticketId);
    expect(stored.state).toBe('resolved');
    const evidence = await completionOf(rep, ticketId);
    expect(evidence?.to).toBe('resolved');
    expect(evidence?.detail).toMatchObject({ visit: { outcome: 'verified' } });
    const { photoIds, signatureFileId, visitId } = (evidence?.detail ?? {}) as {
      photoIds: string[];
      signatureFileId: string;
      visitId: string;
    };
    expect(photoIds).toHaveLength(1);
    const files = await e2e.host.api('GET', `/api/v1/files/${signatureFileId}`, { token: await token(rep) });
    // The signature went up as a PNG cropped to its ink (at twice the pad's CSS pixels): narrower than the pad.
    expect(files.body).toMatchObject({ mimeType: 'image/png' });
    expect(files.body.width).toBeLessThan(2 * 336);
    const photo = await e2e.host.api('GET', `/api/v1/files/${photoIds[0]}`, { token: await token(rep) });
    expect(photo.body).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 1200 });
    // The visit that is the evidence is the rep's check-in at this merchant; it is checked out as any visit.
    const visit = await e2e.host.api('GET', `/api/v1/visits/${visitId}`, { token: await token(rep) });
    expect(visit.body).toMatchObject({ targetType: 'merchant', targetName: 'Tanjong Pagar Kopi', checkedOutAt: null });
    await page.getByRole('link', { name: 'Check out of the visit' }).click();
    await page.getByRole('button', { name: 'Check out' }).waitFor();
  }, 180_000);

  it('a ticket completed with a check-in out of range is sent to review instead of resolved (in Chinese)', async () => {
    const rep = 'rep4.sg@fieldops.test';
    const shop = { lat: 1.3006, lng: 103.8559 };
    // About 600 m away: Singapore flags a check-in beyond its radius instead of refusing it.
    const standing = { lat: shop.lat + 0.0055, lng: shop.lng };
    const { ticketId } = await ticketAt(rep, 'Bugis Noodle Bar', 'Terminal screen cracked', shop);
    const { page } = await e2e.open(`/field/tickets/${ticketId}`, deviceAt(standing, 360));
    await signIn(page, rep);
    await page.getByRole('heading', { name: 'Terminal screen cracked' }).waitFor();
    await inLanguage(page, 'zh-CN');
    await page.getByRole('link', { name: '现场完成' }).click();
    await page.getByRole('button', { name: '签到' }).click();
    await page.getByText(/^已签到，但距离较远，已标记待审核。 已于 .* 在 Bugis Noodle Bar 签到。$/).waitFor();
    await addEvidence(page, { addPhoto: '添加一张工作照片', added: '已添加 1 张照片', pad: '签名板', signed: '已签名。' });
    await checkScreen(page, 'field-ticket-complete-on-site-zh-CN');
    await page.getByRole('button', { name: '完成工单' }).click();
    await page.getByRole('status').filter({ hasText: '已提交审核：你的签到被标记，经理核查后工单才会解决。' }).waitFor();
    await checkScreen(page, 'field-ticket-review-zh-CN');

    const stored = await ticketOf(rep, ticketId);
    expect(stored.state).toBe('review');
    expect(stored.resolvedAt).toBeNull();
    const evidence = await completionOf(rep, ticketId);
    expect(evidence?.detail).toMatchObject({ visit: { outcome: 'flagged', signals: expect.arrayContaining(['far-from-target']) } });
  }, 180_000);

  it('offline, the check-in and the completion wait on the phone and are sent in order once it is back online', async () => {
    const rep = 'rep5.sg@fieldops.test';
    const shop = { lat: 1.3521, lng: 103.8198 };
    const { ticketId } = await ticketAt(rep, 'Bishan Hardware', 'Terminal battery swells', shop);
    const { context, page } = await e2e.open('/field/tickets', deviceAt(shop, 360));
    await signIn(page, rep);
    await page.getByRole('link', { name: 'Terminal battery swells' }).click();
    await page.getByRole('heading', { name: 'Terminal battery swells' }).waitFor();

    await context.setOffline(true);
    await page.getByRole('link', { name: 'Complete on site' }).click();
    await page.getByText(/You are .* away/).waitFor();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText(/^Saved on this phone; it will be sent when you are back online\. Checked in at Bishan Hardware/).waitFor();
    await addEvidence(page, english);
    await page.getByRole('button', { name: 'Complete the ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved on this phone; it will be sent when you are back online.' }).waitFor();
    await page.getByRole('navigation', { name: 'FieldOps field' }).getByRole('link', { name: 'Queue' }).click();
    const queue = page.getByRole('list', { name: 'Sync queue' });
    await queue.getByText('Check-in: Bishan Hardware').waitFor();
    await queue.getByText('Ticket completed on site: Terminal battery swells').waitFor();
    expect((await ticketOf(rep, ticketId)).state).toBe('assigned');
    await checkScreen(page, 'field-ticket-queued');

    await context.setOffline(false);
    await page.getByText('Everything is sent.').waitFor({ timeout: 60_000 });
    const sent = page.getByRole('list', { name: 'Recently sent' });
    await sent
      .getByRole('listitem')
      .filter({ hasText: 'Ticket completed on site: Terminal battery swells' })
      .getByText(/resolved$/)
      .waitFor();
    expect((await ticketOf(rep, ticketId)).state).toBe('resolved');
    const evidence = await completionOf(rep, ticketId);
    expect(evidence?.detail).toMatchObject({ visit: { outcome: 'verified' }, photoIds: [expect.any(String)] });
  }, 180_000);

  it('a refused completion in the queue says why: a ticket canceled meanwhile cannot be completed', async () => {
    const rep = 'rep6.sg@fieldops.test';
    const shop = { lat: 1.3404, lng: 103.709 };
    const { ticketId } = await ticketAt(rep, 'Jurong Laundry', 'Terminal lost', shop);
    const { context, page } = await e2e.open(`/field/tickets/${ticketId}`, deviceAt(shop, 360));
    await signIn(page, rep);
    await page.getByRole('heading', { name: 'Terminal lost' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Complete on site' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText(/^Saved on this phone/).waitFor();
    await addEvidence(page, english);
    await page.getByRole('button', { name: 'Complete the ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved on this phone; it will be sent when you are back online.' }).waitFor();
    const canceled = await e2e.host.api('POST', `/api/v1/tickets/${ticketId}/transitions`, {
      token: await token('countrymanager.sg@fieldops.test'),
      body: { to: 'canceled', reason: 'Merchant closed the account' },
    });
    expect(canceled.status, JSON.stringify(canceled.body)).toBe(200);

    await page.getByRole('navigation', { name: 'FieldOps field' }).getByRole('link', { name: 'Queue' }).click();
    await context.setOffline(false);
    const refused = page
      .getByRole('list', { name: 'Sync queue' })
      .getByRole('listitem')
      .filter({ hasText: 'Ticket completed on site: Terminal lost' });
    await refused
      .getByRole('alert')
      .filter({ hasText: 'Refused: the ticket is now Canceled, so it can no longer be completed on site.' })
      .waitFor({ timeout: 60_000 });
    await refused.getByRole('button', { name: 'Discard' }).waitFor();
    await checkScreen(page, 'field-ticket-refused');
    expect((await ticketOf(rep, ticketId)).state).toBe('canceled');
  }, 180_000);

  it('in my day, a ticket due at a merchant is a numbered stop on the route after the plan’s; on a desktop too', async () => {
    const rep = 'rep7.sg@fieldops.test';
    const planned = { lat: 1.2835, lng: 103.8607 };
    const shop = { lat: 1.2868, lng: 103.8545 };
    const repToken = await token(rep);
    const stop = await e2e.host.api('POST', '/api/v1/merchants', {
      token: repToken,
      body: { legalName: 'Marina Florist Pte Ltd', brandName: 'Marina Florist', category: 'retail', businessId: '201912345K', ...planned },
    });
    expect(stop.status, JSON.stringify(stop.body)).toBe(201);
    await handOverOpenTickets(e2e, rep, 'countrymanager.sg@fieldops.test');
    await ticketAt(rep, 'Raffles Place Deli', 'Terminal keypad sticks', shop);
    // A week on, the urgent ticket's SLA has breached, whatever day the suite runs on: it is overdue, so due today.
    clock.advance(7 * DAY);
    const plan = await e2e.host.api('PUT', `/api/v1/plans/${dayInSingapore(clock.now())}`, {
      token: await token(rep),
      body: { stops: [{ targetType: 'merchant', targetId: stop.body.id }] },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);

    for (const width of [360, 1440] as const) {
      const { page } = await e2e.open('/field/', deviceAt(planned, width));
      await signIn(page, rep);
      await page.getByText('1 planned stop', { exact: true }).waitFor();
      const stops = page.getByRole('list', { name: 'Stops' }).getByRole('listitem');
      await expect.poll(() => stops.count(), { timeout: 15_000 }).toBe(2);
      expect(await stops.nth(0).textContent()).toContain('Marina Florist');
      const ticketStop = stops.nth(1);
      await ticketStop.getByText('Raffles Place Deli').waitFor();
      await ticketStop.getByRole('link', { name: 'Ticket: Terminal keypad sticks' }).waitFor();
      await ticketStop.getByText('Overdue').waitFor();
      await ticketStop.getByRole('link', { name: 'Navigate' }).waitFor();
      await expect.poll(() => page.locator('.maplibregl-marker.stop-marker').allTextContents(), { timeout: 30_000 }).toEqual(['1', '2']);
      await checkScreen(page, `field-my-day-ticket-stop-${width}`);
      if (width === 1440) continue;
      await page.getByRole('navigation', { name: 'FieldOps field' }).getByRole('link', { name: 'Tickets' }).click();
      await page
        .getByRole('list', { name: 'My open tickets' })
        .getByRole('listitem')
        .filter({ hasText: 'Terminal keypad sticks' })
        .getByText('Overdue')
        .waitFor();
      await ticketStop.waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Terminal keypad sticks' }).click();
      await page.getByRole('heading', { name: 'Terminal keypad sticks' }).waitFor();
    }
  }, 180_000);
});
