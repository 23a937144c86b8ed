import { performanceService } from '@fieldops/performance';
import { eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartNamed } from './support/charts';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** The month of now in Singapore, as YYYY-MM. */
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Singapore' }).format(new Date()).slice(0, 7);

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
    const month = thisMonth();
    const target = await e2e.host.api('PUT', '/api/v1/performance/targets', {
      token: await e2e.host.login('teamlead1.sg@fieldops.test'),
      body: { metric: 'leads-captured', period: month, subject: `user:${rep.body.user.id}`, value: 4 },
    });
    expect(target.status, JSON.stringify(target.body)).toBe(200);
    // The two teams of the first city have targets for it too: the city manager sees their attainment side by side.
    const cityManager = await e2e.host.login('citymanager1.sg@fieldops.test');
    const city = (await e2e.host.api('GET', '/api/v1/me', { token: cityManager })).body.user.orgUnitId;
    const teams = await e2e.host.api('GET', `/api/v1/org-units?parentId=${city}`, { token: cityManager });
    expect(teams.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['Central Region North', 'Central Region South']);
    for (const [i, team] of (teams.body.items as { id: string }[]).entries()) {
      const set = await e2e.host.api('PUT', '/api/v1/performance/targets', {
        token: cityManager,
        body: { metric: 'leads-captured', period: month, subject: `org-unit:${team.id}`, value: 4 + 6 * i },
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
    }
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
    it(`a manager sees attainment by team, the trend and the leaderboard, each opening the facts behind it (${size})`, async () => {
      const { page } = await e2e.open('/', options);
      await signIn(page, 'citymanager1.sg@fieldops.test');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.goto('/performance');
      await page.getByRole('heading', { name: 'Performance', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Verified visits' }).first().waitFor();
      await page.getByLabel('Metric').selectOption('leads-captured');

      // A tile's figure opens the facts behind it.
      await page.getByRole('button', { name: 'What counted' }).nth(1).click();
      await page.getByRole('heading', { name: /Leads captured: \d+, fact by fact/ }).waitFor();
      await page.getByText(/^For My team, \d{4}-\d{2}$/).waitFor();

      // One bar per team of the city, each its figure over its target, against the target line.
      const attainment = chartNamed(page, 'Attainment by team: Leads captured');
      await attainment.image.waitFor();
      await expect.poll(() => attainment.description()).toMatch(/^Central Region North: \d+%; Central Region South: \d+%; Target 100%$/);
      await expect.poll(async () => (await attainment.bars()).count()).toBe(2);
      await (await attainment.bars()).first().click({ force: true });
      await page.getByText(/^For Central Region North, \d{4}-\d{2}$/).waitFor();
      await page.getByRole('heading', { name: /Leads captured: \d+, fact by fact/ }).waitFor();

      // The trend has a point per day so far; a click on a day opens that day's facts.
      const trend = chartNamed(page, 'Leads captured per day this month');
      await trend.image.waitFor();
      await expect.poll(() => trend.description()).toMatch(/^\d{2}-01: \d+/);
      await trend.image.click();
      await page.getByText(/^For My team, \d{4}-\d{2}-\d{2}$/).waitFor();

      // A rep picked on the board shows their statement and the facts behind their figure.
      const board = chartNamed(page, 'Top reps by Leads captured');
      await board.image.waitFor();
      const leaders = await e2e.host.api('GET', `/api/v1/performance/leaderboard?metric=leads-captured&period=${thisMonth()}`, {
        token: await e2e.host.login('citymanager1.sg@fieldops.test'),
      });
      await expect.poll(async () => (await board.bars()).count()).toBe(Math.min(10, leaders.body.items.length));
      await (await board.bars()).first().click({ force: true });
      await page.getByText('Open month: this is how it stands today.').waitFor();
      const statement = page.getByRole('heading', { name: /^Statement: \S+/ });
      const rep = (await statement.textContent())?.replace('Statement: ', '') ?? '';
      await page.getByText(`For ${rep}, ${thisMonth()}`, { exact: true }).waitFor();
      // The figures show as they are: nothing the page does trips its Content-Security-Policy.
      expect(e2e.policyViolations).toEqual([]);
      await e2e.screenshot(page, `console-performance-${size}`);
      if (size === 'desktop') {
        await page.locator('.language-switcher select').selectOption('ar');
        await page.getByRole('heading', { name: 'الأداء', level: 1 }).waitFor();
        await chartNamed(page, /نسبة الإنجاز حسب الفريق/).image.waitFor();
        await e2e.screenshot(page, 'console-performance-ar-desktop');
        await page.locator('.language-switcher select').selectOption('en');
      }
    }, 120_000);

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
