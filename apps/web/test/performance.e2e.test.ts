import { randomUUID } from 'node:crypto';
import { performanceService } from '@fieldops/performance';
import { eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../ui/shared/i18n/locales/en';
import { catalogue as zhCN } from '../ui/shared/i18n/locales/zh-CN';
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
  /**
   * The dashboard's tiles are totals over the whole scope (the performance service's figures, the checkin service's
   * and search's counts), never a first page counted in the browser; the field app tells a rep what did not count.
   */
  describe('totals and what did not count', () => {
    const SG = 'Asia/Singapore';
    const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: SG }).format(new Date());
    const REJECTION = 'The photo shows another shop';
    let teamLead: string;
    let manager: string;
    let team: string;

    beforeAll(async () => {
      const rep = await e2e.host.login('rep1.sg@fieldops.test');
      teamLead = await e2e.host.login('teamlead1.sg@fieldops.test');
      manager = await e2e.host.login('countrymanager.sg@fieldops.test');
      team = `org-unit:${(await e2e.host.api('GET', '/api/v1/me', { token: manager })).body.user.orgUnitId}`;
      // More leads than one page of 200 holds: 210 imported into the public pool, each ~450 m from the next.
      const rows = Array.from({ length: 210 }, (_, i) => {
        const lat = 1.27 + Math.floor(i / 15) * 0.004;
        const lng = 103.8 + (i % 15) * 0.004;
        return `Zq${i.toString(36)}x Sundries ${i},+65 6${String(3_100_000 + i)},${i} Test Road,grocery,${lat.toFixed(4)},${lng.toFixed(4)}`;
      });
      const imported = await fetch(`${e2e.host.url}/api/v1/leads/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'text/csv' },
        body: ['name,phone,address,category,lat,lng', ...rows].join('\n'),
      });
      const report = (await imported.json()) as { rows: { status: string }[] };
      expect(imported.status, JSON.stringify(report).slice(0, 500)).toBe(200);
      expect(report.rows.filter((row) => row.status === 'created').length).toBeGreaterThan(200);
      const shop = { lat: 1.2861, lng: 103.8275 };
      const merchant = await e2e.host.api('POST', '/api/v1/merchants', {
        token: rep,
        body: { legalName: 'Counted Or Not Trading', category: 'grocery', businessId: '201912345K', ...shop },
      });
      expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
      // Two visits with a mocked location, sent from an offline phone: both wait for review; one is rejected.
      const flagged: string[] = [];
      for (const minutesAgo of [30, 20]) {
        const at = Date.now() - minutesAgo * 60_000;
        const visit = await e2e.host.api('POST', '/api/v1/visits', {
          token: rep,
          body: {
            id: randomUUID(),
            targetType: 'merchant',
            targetId: merchant.body.id,
            ...shop,
            accuracyM: 8,
            deviceTime: new Date(at).toISOString(),
            offline: true,
            mockLocation: true,
          },
        });
        expect(visit.status, JSON.stringify(visit.body)).toBe(201);
        const out = await e2e.host.api('POST', `/api/v1/visits/${visit.body.id}/check-out`, {
          token: rep,
          body: {
            deviceTime: new Date(at + 300_000).toISOString(),
            outcome: 'met-owner',
            notes: '',
            answers: { terminalWorking: true, stockOfQrStands: 'good', transactionsToday: 3 },
          },
        });
        expect(out.body.verification, JSON.stringify(out.body)).toBe('pending-review');
        flagged.push(visit.body.id);
      }
      const rejected = await e2e.host.api('POST', `/api/v1/visits/${flagged[1]}/review`, {
        token: teamLead,
        body: { decision: 'reject', reason: REJECTION },
      });
      expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
      // The same phone nearby under another name: created, flagged as a possible duplicate.
      // (In the 82 range of Singapore's mobile numbers, which are all in service: some ranges of 9 are not.)
      const phone = `+65 82${String(Date.now()).slice(-6)}`;
      const first = await e2e.host.api('POST', '/api/v1/leads', {
        token: rep,
        body: { name: 'Tiong Bahru Provisions', phone, category: 'grocery', lat: 1.2853, lng: 103.8269 },
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const twin = await e2e.host.api('POST', '/api/v1/leads', {
        token: rep,
        body: { name: 'Completely Different Laundry', phone, category: 'grocery', lat: 1.2854, lng: 103.8269 },
      });
      expect(twin.body.duplicateOf, JSON.stringify(twin.body)).toBe(first.body.id);
      const month = today().slice(0, 7);
      await eventually(
        async () => {
          const uncounted = await e2e.host.api('GET', `/api/v1/performance/uncounted?period=${month}`, { token: rep });
          const ids = (uncounted.body.items ?? []).map((u: { sourceId: string }) => u.sourceId);
          expect(ids).toEqual(expect.arrayContaining([...flagged, twin.body.id]));
        },
        { timeoutMs: 60_000 },
      );
    }, 120_000);

    /** The tile's figures as the APIs total them, for the dashboard to equal. */
    async function expectedTotals() {
      const day = today();
      const visits = async (query: string) =>
        (await e2e.host.api('GET', `/api/v1/visits?date=${day}&limit=1&withTotal=true${query}`, { token: manager })).body.total as number;
      const figure = async (metric: string, period: string) =>
        (await e2e.host.api('GET', `/api/v1/performance/figures?metric=${metric}&period=${period}&subject=${team}`, { token: manager }))
          .body.items[0].value as number;
      // Every lead the manager can see, page by page: the pools' tile must count them all, not a first page.
      const pools = { public: 0, private: 0 };
      let cursor: string | null = null;
      do {
        const page: { body: { items: { pool: 'public' | 'private' }[]; nextCursor: string | null } } = await e2e.host.api(
          'GET',
          `/api/v1/leads?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          { token: manager },
        );
        for (const lead of page.body.items) pools[lead.pool]++;
        cursor = page.body.nextCursor;
      } while (cursor);
      return {
        visits: [
          await visits(''),
          await figure('verified-visits', day),
          await visits('&verification=pending-review'),
          await visits('&verification=rejected'),
        ],
        leadsCapturedMonth: await figure('leads-captured', day.slice(0, 7)),
        pools: [pools.public, pools.private] as [number, number],
      };
    }

    /** A page in a language picked on the device (it wins over the Singapore users' own English). */
    async function openIn(language: string, path: string, options: typeof DESKTOP | typeof PHONE) {
      const { page } = await e2e.open(path, options);
      await page.evaluate(`localStorage.setItem('fieldops.language', ${JSON.stringify(language)})`);
      await page.reload();
      return page;
    }

    for (const [language, words] of [
      ['en', en],
      ['zh-CN', zhCN],
    ] as const) {
      for (const [size, options] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        it(`the dashboard's tiles equal the APIs' totals, and a figure opens its facts (${language}, ${size})`, async () => {
          const number = new Intl.NumberFormat(language).format;
          const page = await openIn(language, '/', options);
          await signIn(page, 'countrymanager.sg@fieldops.test');
          await page.getByRole('heading', { name: words.dashboard.title, level: 1 }).waitFor();
          const tile = (name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
          // Demo events keep arriving for a while: shown and expected are read together until they agree.
          const readBoth = async () => {
            const expected = await expectedTotals();
            return {
              expected: { visits: expected.visits.map(number), pools: expected.pools.map(number) },
              shown: {
                visits: await tile(words.dashboard.visitsToday).locator('dd').allTextContents(),
                pools: await tile(words.dashboard.pools).locator('dd').allTextContents(),
              },
              totals: expected,
            };
          };
          await expect
            .poll(readBoth, { timeout: 60_000 })
            .toSatisfy(({ expected, shown }) => JSON.stringify(expected) === JSON.stringify(shown));
          const { totals } = await readBoth();
          // The pools count every lead the manager sees, past the 200 a first page held.
          expect(totals.pools[0] + totals.pools[1]).toBeGreaterThan(200);
          const leadsCapturedMonth = totals.leadsCapturedMonth;
          const captured = page.getByRole('link', {
            name: words.tiles.dashboard.explainLink
              .replace('{{metric}}', words.performance.metrics['leads-captured'])
              .replace('{{period}}', words.tiles.dashboard.month)
              .replace('{{value}}', number(leadsCapturedMonth)),
          });
          await captured.click();
          await page
            .getByRole('heading', { name: new RegExp(`${words.performance.metrics['leads-captured']}`) })
            .last()
            .waitFor();
          await page.locator('.tile-explain table').waitFor();
          await e2e.screenshot(page, `console-dashboard-totals-${language}-${size}`);
        }, 120_000);

        it(`a rep's figures say what did not count and why (${language}, ${size})`, async () => {
          const page = await openIn(language, '/field/', options);
          await signIn(page, 'rep1.sg@fieldops.test');
          await page.getByRole('link', { name: words.field.tabs.performance }).click();
          await page.getByRole('heading', { name: words.tiles.field.today }).waitFor();
          await page.getByRole('heading', { name: words.tiles.field.notCounted }).waitFor();
          const list = page.getByRole('list', { name: words.tiles.field.notCounted });
          await list.getByText(words.tiles.field.reasons.rejected).first().waitFor();
          await list.getByText(words.tiles.field.because.replace('{{detail}}', REJECTION)).first().waitFor();
          await list.getByText(words.tiles.field.reasons['awaiting-review']).first().waitFor();
          await list.getByText(words.tiles.field.reasons.duplicate).first().waitFor();
          await e2e.screenshot(page, `field-my-figures-not-counted-${language}-${size}`);
        }, 90_000);
      }
    }
  });
});
