import { performanceService } from '@fieldops/performance';
import { eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.runIf(chromiumForTests())('performance screens in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ services: [performanceService] });
    const manager = await e2e.host.login('countrymanager.sg@fieldops.test');
    const plan = await e2e.host.api('PUT', '/api/v1/performance/plans', {
      token: manager,
      body: {
        country: 'SG',
        role: 'rep',
        name: 'Field reps',
        components: [
          { metric: 'verified-visits', rateMinor: 500, accelerators: [{ abovePercent: 100, rateMinor: 800 }] },
          { metric: 'merchants-retained', rateMinor: 5000 },
        ],
      },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    // rep1 has a target for the leads captured this month (the demo data captures some).
    const rep = await e2e.host.api('GET', '/api/v1/me', { token: await e2e.host.login('rep1.sg@fieldops.test') });
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Singapore' }).format(new Date()).slice(0, 7);
    const target = await e2e.host.api('PUT', '/api/v1/performance/targets', {
      token: await e2e.host.login('teamlead1.sg@fieldops.test'),
      body: { metric: 'leads-captured', period: month, subject: `user:${rep.body.user.id}`, value: 4 },
    });
    expect(target.status, JSON.stringify(target.body)).toBe(200);
    // The demo's captured leads reach the performance service as events, after the seed: wait for them on the board.
    const lead = await e2e.host.login('teamlead1.sg@fieldops.test');
    const board = `/api/v1/performance/leaderboard?metric=leads-captured&period=${month}`;
    await eventually(async () => expect((await e2e.host.api('GET', board, { token: lead })).body.items?.length ?? 0).toBeGreaterThan(0), {
      timeoutMs: 120_000,
    });
  }, 300_000);
  afterAll(async () => e2e?.stop(), 120_000);

  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`a manager sees the team's figures, the leaderboard and the facts behind a figure (${size})`, async () => {
      const { page } = await e2e.open('/', options);
      await signIn(page, 'teamlead1.sg@fieldops.test');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.getByRole('link', { name: 'This month (my team)' }).waitFor();
      await page.goto('/performance');
      await page.getByRole('heading', { name: 'Performance', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Verified visits' }).first().waitFor();
      await page.getByLabel('Metric').selectOption('leads-captured');
      await page.getByRole('img', { name: /Top reps by Leads captured/ }).waitFor();
      await page.getByRole('button', { name: 'What counted' }).nth(1).click();
      await page.getByRole('heading', { name: /Leads captured: \d+, fact by fact/ }).waitFor();
      // A rep picked on the board shows their statement.
      await page.getByRole('table').getByRole('button').first().click();
      await page.getByText('Open month: this is how it stands today.').waitFor();
      await e2e.screenshot(page, `console-performance-${size}`);
    }, 90_000);

    it(`a rep sees their own figures, rank and statement (${size})`, async () => {
      const { page } = await e2e.open('/field/', options);
      await signIn(page, 'rep1.sg@fieldops.test');
      await page.getByRole('link', { name: 'My figures' }).click();
      await page.getByRole('heading', { name: 'My figures' }).waitFor();
      await page.getByRole('heading', { name: 'My statement' }).waitFor();
      await page.getByText('Open month: this is how it stands today.').waitFor();
      await e2e.screenshot(page, `field-my-figures-${size}`);
    }, 90_000);
  }
});
