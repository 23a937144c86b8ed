import { searchService } from '@fieldops/search';
import { ticketsService } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.runIf(chromiumForTests())('tickets in the manager console in Chromium', () => {
  let e2e: E2e;
  const titles = ['Terminal has no network', 'Menu photos for the new shop', 'Settlement complaint'];
  const ids: string[] = [];

  beforeAll(async () => {
    e2e = await startE2e({ services: [ticketsService, searchService] });
    const rep = await e2e.host.login('rep1.sg@fieldops.test');
    const merchant = await e2e.host.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: 'Harbour Noodle House Pte Ltd', category: 'restaurant', businessId: '201912345K', lat: 1.2903, lng: 103.8519 },
    });
    expect(merchant.status).toBe(201);
    const bodies = [
      { type: 'data-correction', priority: 'normal', fields: { field: 'phone', correctValue: '+6561234567' } },
      { type: 'data-correction', priority: 'low', fields: { field: 'address', correctValue: '2 North Bridge Road' } },
      { type: 'complaint', priority: 'urgent', fields: { channel: 'phone', category: 'settlement' } },
    ];
    for (const [n, body] of bodies.entries()) {
      const created = await e2e.host.api('POST', '/api/v1/tickets', {
        token: rep,
        body: { ...body, merchantId: merchant.body.id, title: titles[n] },
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    // The demo data's own tickets (follow-ups of its suspended merchants) are opened as its events arrive: the queue
    // is counted once all of them are in.
    await e2e.host.settled();
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('the queue lists the tickets breaches first with live countdowns; facets narrow it; the board groups by state', async () => {
    const { page } = await e2e.open('/');
    await page.clock.install();
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Tickets' }).click();
    const rows = page.locator('table.ticket-queue tbody tr');
    // The demo data's open tickets are there too.
    for (const title of titles) await page.getByRole('link', { name: title }).waitFor({ timeout: 30_000 });
    const total = await rows.count();
    const breaches = (
      await rows.locator('td:first-child .sla').evaluateAll((spans) => spans.map((s) => s.getAttribute('title') ?? ''))
    ).map((iso) => Date.parse(iso));
    expect(breaches.every(Number.isFinite)).toBe(true);
    expect(breaches).toEqual([...breaches].sort((a, b) => a - b));
    // The countdown runs without a reload: two minutes on the page's clock later it shows less time left.
    const first = await rows.first().locator('.sla').textContent();
    await page.clock.fastForward('02:00');
    await expect.poll(() => rows.first().locator('.sla').textContent()).not.toBe(first);
    await e2e.screenshot(page, 'console-tickets-queue');

    await page.getByRole('button', { name: /^Complaint/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByRole('link').textContent()).toBe('Settlement complaint');
    await page.getByRole('button', { name: /^Complaint/ }).click();
    await expect.poll(() => rows.count()).toBe(total);

    await page.getByRole('tab', { name: 'Board' }).click();
    const assigned = page.getByRole('region', { name: 'Assigned' });
    await expect.poll(() => assigned.locator('.card').count()).toBeGreaterThan(0);
    await e2e.screenshot(page, 'console-tickets-board');
  }, 90_000);

  it('a notice link opens the detail: SLA clocks explained, a state move and a comment land in the timeline', async () => {
    const { page } = await e2e.open(`/console/tickets/${ids[2]}`);
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('heading', { name: 'Settlement complaint' }).waitFor();
    await page.getByRole('article', { name: 'Resolution' }).waitFor();
    expect(await page.getByRole('article', { name: 'Resolution' }).locator('tbody tr').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Start work' }).click();
    await page.locator('.facts .badge', { hasText: 'In progress' }).waitFor();
    await page.getByLabel('New comment').fill('Called the merchant, settlement file re-sent');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Called the merchant, settlement file re-sent').waitFor();
    await page.locator('.timeline li', { hasText: 'Moved' }).first().waitFor();
    await e2e.screenshot(page, 'console-ticket-detail');

    const phone = await e2e.open(`/console/tickets/${ids[2]}`, PHONE);
    await signIn(phone.page, 'countrymanager.sg@fieldops.test');
    await phone.page.getByRole('heading', { name: 'Settlement complaint' }).waitFor();
    await e2e.screenshot(phone.page, 'console-ticket-detail-phone');
    await phone.page.goto('/tickets');
    await phone.page.locator('table.ticket-queue tbody tr').first().waitFor();
    await e2e.screenshot(phone.page, 'console-tickets-queue-phone');
  }, 90_000);
});
