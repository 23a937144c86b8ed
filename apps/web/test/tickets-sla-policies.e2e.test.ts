import { ticketsService } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

const PHONE = { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

describe.runIf(chromiumForTests())('SLA policies in the manager console in Chromium', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ services: [ticketsService] });
  }, 300_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('the country manager reads and changes a type’s policies; a broken one names the field; axe finds nothing serious', async () => {
    const { page } = await e2e.open('/', DESKTOP);
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('heading', { name: 'SLA policies', level: 1 }).waitFor();
    await page.getByLabel('Ticket type').selectOption('complaint');
    const urgent = page.getByRole('group', { name: 'Urgent' });
    const firstResponse = urgent.getByLabel('First response');
    expect(await firstResponse.inputValue()).toBe('15');
    expect(await seriousViolations(page)).toEqual([]);
    await e2e.screenshot(page, 'console-sla-policies');

    // A warning at or after the shortest target warns about nothing: refused, the field named, nothing saved.
    await urgent.getByLabel('Warn before (minutes)').fill('20');
    await page.getByRole('button', { name: 'Save policies' }).click();
    await urgent.getByText('must be less than the shortest target (15)').waitFor();
    expect(await urgent.getByLabel('Warn before (minutes)').getAttribute('aria-invalid')).toBe('true');

    await urgent.getByLabel('Warn before (minutes)').fill('5');
    await firstResponse.fill('20');
    await page.getByRole('button', { name: 'Save policies' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.locator('.badge', { hasText: 'This country’s figures' }).waitFor();
    expect(await page.getByRole('group', { name: 'Urgent' }).getByLabel('First response').inputValue()).toBe('20');
    const stored = await e2e.host.api('GET', '/api/v1/tickets/sla-policies', {
      token: await e2e.host.login('countrymanager.sg@fieldops.test'),
    });
    const complaint = (
      stored.body.items as { ticketType: string; version: number; policies: { urgent: { targets: { firstResponse: number } } } }[]
    ).find((item) => item.ticketType === 'complaint');
    expect(complaint).toMatchObject({ version: 1, policies: { urgent: { targets: { firstResponse: 20 } } } });

    const phone = await e2e.open('/tickets/sla-policies', PHONE);
    await signIn(phone.page, 'countrymanager.sg@fieldops.test');
    await phone.page.getByRole('heading', { name: 'SLA policies', level: 1 }).waitFor();
    expect(await seriousViolations(phone.page)).toEqual([]);
    await e2e.screenshot(phone.page, 'console-sla-policies-phone');
  }, 120_000);

  it('a rep is not offered the page; China’s manager sees it in Simplified Chinese', async () => {
    const rep = await e2e.open('/tickets', DESKTOP);
    await signIn(rep.page, 'rep1.sg@fieldops.test');
    await rep.page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    expect(await rep.page.getByRole('link', { name: 'SLA policies' }).count()).toBe(0);

    const { page } = await e2e.open('/tickets/sla-policies', DESKTOP);
    await signIn(page, 'countrymanager.cn@fieldops.test');
    await page.getByRole('heading', { name: 'SLA 策略', level: 1 }).waitFor();
    await page.getByRole('group', { name: '紧急' }).getByLabel('首次响应').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await e2e.screenshot(page, 'console-sla-policies-zh-CN');
  }, 120_000);
});
