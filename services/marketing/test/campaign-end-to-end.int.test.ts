import net from 'node:net';
import { createNotificationService, type NotificationDb } from '@fieldops/notification';
import { type PerformanceDb, performanceTasks } from '@fieldops/performance';
import { embeddedEngines, eventually, MovableClock, serviceDb, type TestHost } from '@fieldops/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests, launchChromium } from '../../../apps/web/test/support/chromium';
import { type SmtpTestServer, startSmtpServer } from '../../notification/test/support/smtp-test-server';
import { aCampaign, launched, marketingDb, startMarketingHost } from './marketing-fixtures';

const DAY = 86_400_000;
/** Launch is now (tokens are checked against the real time, so the clock only moves forward). */
const LAUNCH = Date.now();
/** A São Paulo calendar day `offset` days from the launch. */
const spDay = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    LAUNCH + offset * DAY,
  );
const BEFORE_DAYS = [spDay(-2), spDay(-1)];
const AFTER_DAYS = [spDay(0), spDay(1)];
const PLANTED_UPLIFT = 0.15;

/** A reproducible stream of numbers in [0, 1) (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A port nobody listens on yet. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** São Paulo districts: the generated city's bakeries spread over them. */
const POINTS = [
  { lat: -23.5505, lng: -46.6333 },
  { lat: -23.5874, lng: -46.6576 },
  { lat: -23.5329, lng: -46.7917 },
  { lat: -23.6253, lng: -46.6959 },
  { lat: -23.4965, lng: -46.6252 },
];

describe.runIf(chromiumForTests())('a campaign end to end in the real services', () => {
  const clock = new MovableClock(LAUNCH);
  let t: TestHost;
  let smtp: SmtpTestServer;
  let browser: Browser;
  let manager: string;
  let admin: string;
  const reps = ['rep1.br', 'rep2.br'];
  const tokens = new Map<string, string>();
  const city: { id: string; email: string; rep: string }[] = [];
  let campaignId: string;
  let treated: Set<string>;
  let heldOut: Set<string>;

  beforeAll(async () => {
    // The mail server opens only once the demo organisation's own notices (hundreds of area assignments to staff)
    // are out of the way: until then their sends are refused at once, and they are dropped unsent before the launch.
    const smtpPort = await freePort();
    t = await startMarketingHost(embeddedEngines.database, {
      clock,
      others: [createNotificationService({ deliveryCheckMs: 50 })],
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'FieldOps <no-reply@fieldops.test>' },
    });
    browser = await launchChromium();
    manager = await t.login('countrymanager.br@fieldops.test');
    admin = await t.login('admin@fieldops.test');
    for (const rep of reps) tokens.set(rep, await t.login(`${rep}@fieldops.test`));
    for (let i = 0; i < 40; i++) {
      const rep = reps[i % 2] ?? 'rep1.br';
      const at = POINTS[i % POINTS.length] ?? { lat: -23.55, lng: -46.63 };
      const email = `padaria${i}@bakery.test`;
      const res = await t.api('POST', '/api/v1/merchants', {
        token: tokens.get(rep),
        body: {
          legalName: `Padaria ${i} Ltda`,
          brandName: `Padaria ${i}`,
          category: 'bakery',
          tier: ['A', 'B', 'C'][i % 3],
          contacts: [{ name: `Dono ${i}`, role: 'owner', email }],
          address: `Rua das Padarias ${i}`,
          lat: at.lat + (i % 4) * 0.002,
          lng: at.lng + (i % 3) * 0.002,
          businessId: '11.222.333/0001-81',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      city.push({ id: res.body.id, email, rep });
    }
    await eventually(
      async () => {
        const res = await t.api('POST', '/api/v1/campaigns/segment-preview', {
          token: manager,
          body: { filters: { categories: ['bakery'] } },
        });
        expect(res.body.count).toBe(40);
      },
      { timeoutMs: 30_000 },
    );
    // Business as usual before the launch: each bakery's own size, a little noise each day.
    const next = random(7);
    for (const bakery of city) {
      const size = 40 + Math.floor(next() * 160);
      Object.assign(bakery, { size });
      for (const date of BEFORE_DAYS) await figures(bakery.id, date, Math.round(size * (0.97 + next() * 0.06)));
    }
    await serviceDb<NotificationDb>(t, 'notification').deleteFrom('delivery').execute();
    smtp = await startSmtpServer(smtpPort);
    const report = await launched(
      t,
      manager,
      aCampaign({
        name: 'Café da manhã',
        startsAt: new Date(LAUNCH).toISOString(),
        endsAt: new Date(LAUNCH + 60 * DAY).toISOString(),
        cap: 30,
      }),
      0.1,
    );
    expect(report).toMatchObject({ members: 40, treated: 36, heldOut: 4 });
    campaignId = report.campaign.id;
    const members = await marketingDb(t).selectFrom('campaign_member').selectAll().where('campaign_id', '=', campaignId).execute();
    treated = new Set(members.filter((m) => m.cohort === 'treated').map((m) => m.merchant_id));
    heldOut = new Set(members.filter((m) => m.cohort === 'held-out').map((m) => m.merchant_id));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await smtp?.close();
  });

  async function figures(merchantId: string, date: string, orders: number) {
    const res = await t.api('POST', '/api/v1/performance/merchant-figures', {
      token: admin,
      body: { merchantId, date, orders, gmvMinor: orders * 1_500, currency: 'BRL' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  it('invitations reach every treated merchant in Portuguese, and no held-out merchant at all', async () => {
    const invitations = () => smtp.received.filter((m) => m.to.endsWith('@bakery.test'));
    // Scheduled jobs (the delivery job among them) hold leases on the service clock: it has to move for them to run.
    await eventually(
      () => {
        clock.advance(1_000);
        expect(invitations().length).toBe(36);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    for (const bakery of city) {
      if (treated.has(bakery.id)) {
        expect(mailTo(bakery.email)).toHaveLength(1);
        const [mail] = mailTo(bakery.email);
        expect(mail?.subject).toContain('você está convidado para Café da manhã');
        expect(mail?.text).toContain('Pagamos S$100.');
        expect(mail?.text).toMatch(/\/m\/campaigns\/[\w.-]+/);
      } else {
        expect(mailTo(bakery.email)).toEqual([]);
      }
    }
    expect(invitations()).toHaveLength(36);
  }, 120_000);

  it('the reps’ days hold a task per treated merchant they own, none for held-out ones', async () => {
    for (const rep of reps) {
      const own = city.filter((b) => b.rep === rep);
      await eventually(async () => {
        const res = await t.api('GET', '/api/v1/plans/campaign-tasks', { token: tokens.get(rep) });
        expect(res.status).toBe(200);
        const ids = res.body.items.map((i: { merchantId: string }) => i.merchantId).sort();
        expect(ids).toEqual(
          own
            .filter((b) => treated.has(b.id))
            .map((b) => b.id)
            .sort(),
        );
      });
    }
    const task = (await t.api('GET', '/api/v1/plans/campaign-tasks', { token: tokens.get('rep1.br') })).body.items[0];
    expect(task).toMatchObject({ campaignId, campaignName: 'Café da manhã', talkingPoints: 'Ask about their breakfast menu.' });
    for (const id of heldOut)
      expect(JSON.stringify(await t.api('GET', '/api/v1/plans/campaign-tasks', { token: tokens.get('rep1.br') }))).not.toContain(id);
  });

  it('a merchant accepts through the link page in Chromium, in its language, and its rep’s task closes', async () => {
    const bakery = city.find((b) => treated.has(b.id) && b.rep === 'rep1.br');
    if (!bakery) throw new Error('no treated bakery of rep1');
    const link = /\/m\/campaigns\/[\w.-]+/.exec(mailTo(bakery.email)[0]?.text ?? '')?.[0];
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${t.url}${link}`);
    await page.getByRole('heading', { name: 'Convite: Café da manhã' }).waitFor();
    expect(await page.locator('section').textContent()).toBe('Pagamos S$100.');
    await page.getByRole('button', { name: 'Aceitar' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Obrigado: você entrou na campanha.');
    await page.close();
    const accepted = await t.api('GET', `/api/v1/campaigns/${campaignId}/enrollments?state=accepted`, { token: manager });
    expect(accepted.body.items).toMatchObject([{ merchantId: bakery.id, channel: 'link', decidedBy: 'merchant' }]);
    await eventually(async () => {
      const tasks = await t.api('GET', '/api/v1/plans/campaign-tasks', { token: tokens.get('rep1.br') });
      expect(tasks.body.items.map((i: { merchantId: string }) => i.merchantId)).not.toContain(bakery.id);
    });
    const tampered = await fetch(`${t.url}${link?.slice(0, -3)}abc`);
    expect(tampered.status).toBe(404);
  });

  it('a rep enrolls a merchant on site with a check-in as evidence; a check-in elsewhere is refused', async () => {
    const rep = tokens.get('rep2.br');
    const [bakery, other] = city.filter((b) => treated.has(b.id) && b.rep === 'rep2.br');
    if (!bakery || !other) throw new Error('no treated bakeries of rep2');
    const merchant = (await t.api('GET', `/api/v1/merchants/${bakery.id}`, { token: rep })).body;
    const checkIn = await t.api('POST', '/api/v1/visits', {
      token: rep,
      body: {
        targetType: 'merchant',
        targetId: bakery.id,
        lat: merchant.lat,
        lng: merchant.lng,
        accuracyM: 10,
        deviceTime: new Date(clock.now()).toISOString(),
        mockLocation: false,
      },
    });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
    const elsewhere = await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
      token: rep,
      body: { merchantId: other.id, decision: 'accepted', visitId: checkIn.body.id },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0].field).toBe('/body/visitId');
    const onSite = await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
      token: rep,
      body: { merchantId: bakery.id, decision: 'accepted', visitId: checkIn.body.id },
    });
    expect(onSite.status, JSON.stringify(onSite.body)).toBe(200);
    expect(onSite.body).toMatchObject({ state: 'accepted', channel: 'on-site', visitId: checkIn.body.id });
    // The check-in also counts as the funnel's visit.
    await eventually(async () => {
      const row = await marketingDb(t)
        .selectFrom('enrollment')
        .select('visited_at')
        .where('merchant_id', '=', bakery.id)
        .executeTakeFirstOrThrow();
      expect(row.visited_at).not.toBeNull();
    });
    const figure = async () => {
      const board = await t.api('GET', `/api/v1/performance/figures?period=${AFTER_DAYS[0]?.slice(0, 7)}`, { token: rep });
      return board.body.items.find((f: { metric: string }) => f.metric === 'campaign-enrollments').value as number;
    };
    await eventually(async () => expect(await figure()).toBe(1));

    // Facts lost: the replay reads every campaign's enrollments from the marketing export and credits the same again;
    // a second replay finds it in step and writes nothing.
    const performance = serviceDb<PerformanceDb>(t, 'performance');
    for (const table of ['performance_fact', 'performance_source'] as const) {
      await performance.deleteFrom(table).where('metric', '=', 'campaign-enrollments').where('source_id', '=', onSite.body.id).execute();
    }
    expect(await figure()).toBe(0);
    const replayed = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(replayed.notReplayed).not.toContain('campaign-enrollments');
    expect(replayed.metrics.find((m) => m.metric === 'campaign-enrollments')).toMatchObject({ corrected: 1 });
    expect(await figure()).toBe(1);
    const again = await t.host.runTask(performanceTasks.replayPerformance, undefined);
    expect(again.metrics.find((m) => m.metric === 'campaign-enrollments')).toMatchObject({ corrected: 0 });
  });

  it('results: the funnel, cost against budget, and a planted +15% uplift inside its interval', async () => {
    const next = random(11);
    clock.set(LAUNCH + 2 * DAY);
    for (const bakery of city) {
      const size = (bakery as unknown as { size: number }).size;
      const effect = treated.has(bakery.id) ? 1 + PLANTED_UPLIFT : 1;
      for (const date of AFTER_DAYS) await figures(bakery.id, date, Math.round(size * 1.05 * effect * (0.97 + next() * 0.06)));
    }
    // The visit, the acceptances and the planted figures arrive by events and ingestion: on a busy machine some may
    // still be on their way when the results are first read.
    await eventually(
      async () => {
        const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/results`, { token: manager });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.funnel).toMatchObject({ segment: 40, heldOut: 4, invited: 36, visited: 1, accepted: 2 });
        expect(res.body.cost).toMatchObject({ currency: 'BRL', budgetMinor: 1_000_000, spentMinor: 20_000, accepted: 2 });
        expect(res.body.uplift.windows).toEqual({
          days: 2,
          before: { from: BEFORE_DAYS[0], to: BEFORE_DAYS[1] },
          after: { from: AFTER_DAYS[0], to: AFTER_DAYS[1] },
        });
        const orders = res.body.uplift.orders;
        expect(orders.treated.merchants).toBe(36);
        expect(orders.heldOut.merchants).toBe(4);
        // The holdout is drawn at random at each launch and holds 4 merchants, and a 95% interval misses the truth
        // once in twenty by design: the planted effect must lie within three half-widths of the estimate, and the
        // effect must be found (the interval above zero).
        for (const { relative } of [orders, res.body.uplift.gmvMinor]) {
          const halfWidth = (relative.high - relative.low) / 2;
          expect(Math.abs(relative.estimate - PLANTED_UPLIFT)).toBeLessThan(3 * halfWidth);
          expect(relative.low).toBeGreaterThan(0);
        }
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }, 90_000);
});
