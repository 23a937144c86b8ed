import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupMarketing } from '../src/config';
import {
  aCampaign,
  type Bakery,
  bakeries,
  bakeriesSearchable,
  expectProblem,
  launched,
  marketingDb,
  outboxOf,
  startMarketingHost,
} from './marketing-fixtures';

describe.each(await databaseEngines())('campaigns on $name', (database) => {
  let t: TestHost;
  let manager: string;
  let city: Bakery[];
  beforeAll(async () => {
    t = await startMarketingHost(database);
    manager = await t.login('countrymanager.sg@fieldops.test');
    city = await bakeries(t, 30);
    await bakeriesSearchable(t, manager, 30);
  }, 180_000);
  afterAll(async () => t?.stop());

  it('a campaign starts as a draft in my country and currency, with its budget limit', async () => {
    const res = await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign({ cap: 500 }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', country: 'SG', budget: { currency: 'SGD', limit: 100, accepted: 0 } });
    const read = await t.api('GET', `/api/v1/campaigns/${res.body.id}`, { token: manager });
    expect(read.body.terms['zh-CN']).toBe('我们为您的早餐菜单补贴100新元。');
  });

  it('bad input is a 400 naming the field, and nothing is written', async () => {
    const before = await marketingDb(t)
      .selectFrom('campaign')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expectProblem(
      await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign({ endsAt: '2026-01-01T00:00:00Z' }) }),
      400,
      '/body/endsAt',
    );
    expectProblem(await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign({ type: 'lottery' }) }), 400, '/body/type');
    expectProblem(
      await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign({ terms: { 'zh-CN': '只有中文' } }) }),
      400,
      '/body/terms/en',
    );
    expectProblem(
      await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign({ filters: { orders30d: { min: 10, max: 1 } } }) }),
      400,
      '/body/filters/orders30d',
    );
    const after = await marketingDb(t)
      .selectFrom('campaign')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an illegal move is a 409 naming from, to and what is allowed', async () => {
    const { body } = await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign() });
    const res = await t.api('POST', `/api/v1/campaigns/${body.id}/transitions`, { token: manager, body: { to: 'ended' } });
    expectProblem(res, 409);
    expect(res.body).toMatchObject({ from: 'draft', to: 'ended', allowed: ['scheduled', 'cancelled'] });
    const launch = await t.api('POST', `/api/v1/campaigns/${body.id}/launch`, { token: manager, body: { holdoutShare: 0.1 } });
    expectProblem(launch, 409);
    expect(launch.body).toMatchObject({ from: 'draft', to: 'running' });
    const cancel = await t.api('POST', `/api/v1/campaigns/${body.id}/transitions`, { token: manager, body: { to: 'cancelled' } });
    expect(cancel.body.status).toBe('cancelled');
    const again = await t.api('POST', `/api/v1/campaigns/${body.id}/transitions`, { token: manager, body: { to: 'scheduled' } });
    expect(again.body).toMatchObject({ from: 'cancelled', to: 'scheduled', allowed: [] });
  });

  it('the segment preview counts and samples the merchants a filter holds, tier and owner included', async () => {
    const all = await t.api('POST', '/api/v1/campaigns/segment-preview', { token: manager, body: { filters: { categories: ['bakery'] } } });
    expect(all.body.count).toBe(30);
    expect(new Set(all.body.sample.map((m: { tier: string }) => m.tier))).toEqual(new Set(['A', 'B', 'C']));
    const tierA = await t.api('POST', '/api/v1/campaigns/segment-preview', {
      token: manager,
      body: { filters: { categories: ['bakery'], tiers: ['A'] } },
    });
    expect(tierA.body.count).toBe(10);
    expect(tierA.body.sample.every((m: { tier: string }) => m.tier === 'A')).toBe(true);
    const owner = all.body.sample[0].ownerId as string;
    const byOwner = await t.api('POST', '/api/v1/campaigns/segment-preview', {
      token: manager,
      body: { filters: { categories: ['bakery'], ownerIds: [owner] } },
    });
    expect(byOwner.body.count).toBe(10);
    const neverVisited = await t.api('POST', '/api/v1/campaigns/segment-preview', {
      token: manager,
      body: { filters: { categories: ['bakery'], lastVisitAfter: '2025-01-01T00:00:00Z' } },
    });
    expect(neverVisited.body.count).toBe(0);
  });

  it('a launch snapshots the segment and holds out a stratified 10% from a stored seed; held-out merchants get nothing', async () => {
    const report = await launched(t, manager, aCampaign({ name: 'Holdout check' }), 0.1);
    expect(report).toMatchObject({ members: 30, treated: 27, heldOut: 3 });
    const id = report.campaign.id;
    const members = await marketingDb(t).selectFrom('campaign_member').selectAll().where('campaign_id', '=', id).execute();
    expect(members.map((m) => m.merchant_id).sort()).toEqual(city.map((b) => b.id).sort());
    const heldOut = new Set(members.filter((m) => m.cohort === 'held-out').map((m) => m.merchant_id));
    const campaign = await t.api('GET', `/api/v1/campaigns/${id}`, { token: manager });
    expect(campaign.body).toMatchObject({ status: 'running', holdoutShare: 0.1 });
    expect(campaign.body.seed).toMatch(/^[0-9a-f]{32}$/);
    const invited = (await outboxOf(t, 'marketing.enrollment.invited.v1')).filter((e) => e.campaignId === id);
    const tasks = (await outboxOf(t, 'marketing.task.opened.v1')).filter((e) => e.campaignId === id);
    expect(invited).toHaveLength(27);
    expect(tasks).toHaveLength(27);
    for (const event of [...invited, ...tasks]) expect(heldOut.has(event.merchantId as string)).toBe(false);
    const enrollments = await t.api('GET', `/api/v1/campaigns/${id}/enrollments?limit=200`, { token: manager });
    expect(enrollments.body.items).toHaveLength(27);
    expect(enrollments.body.items.every((e: { state: string }) => e.state === 'invited')).toBe(true);
    const onHeldOut = await t.api('POST', `/api/v1/campaigns/${id}/enrollments`, {
      token: manager,
      body: { merchantId: [...heldOut][0], decision: 'accepted' },
    });
    expectProblem(onHeldOut, 422, '/body/merchantId');
  });

  it('20 concurrent acceptances for the last 5 slots: exactly the cap accepts, the rest are told the campaign is full', async () => {
    const report = await launched(t, manager, aCampaign({ name: 'Last slots', cap: 7 }), 0.1);
    const id = report.campaign.id;
    const { body } = await t.api('GET', `/api/v1/campaigns/${id}/enrollments?limit=200`, { token: manager });
    const invited = body.items.map((e: { merchantId: string }) => e.merchantId) as string[];
    for (const merchantId of invited.slice(0, 2)) {
      const res = await t.api('POST', `/api/v1/campaigns/${id}/enrollments`, {
        token: manager,
        body: { merchantId, decision: 'accepted' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const racers = invited.slice(2, 22);
    const answers = await Promise.all(
      racers.map((merchantId) =>
        t.api('POST', `/api/v1/campaigns/${id}/enrollments`, { token: manager, body: { merchantId, decision: 'accepted' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.body).toMatchObject({ status: 409, code: 'full' });
    const campaign = await t.api('GET', `/api/v1/campaigns/${id}`, { token: manager });
    expect(campaign.body.budget).toMatchObject({ accepted: 7, spentMinor: 70_000 });
    const accepted = await t.api('GET', `/api/v1/campaigns/${id}/enrollments?state=accepted&limit=200`, { token: manager });
    expect(accepted.body.items).toHaveLength(7);
  });

  it('an answer is idempotent; a different answer after it is a 409; ending expires the unanswered', async () => {
    const report = await launched(t, manager, aCampaign({ name: 'Idempotent' }), 0.1);
    const id = report.campaign.id;
    const { body } = await t.api('GET', `/api/v1/campaigns/${id}/enrollments?limit=200`, { token: manager });
    const merchantId = body.items[0].merchantId as string;
    const first = await t.api('POST', `/api/v1/campaigns/${id}/enrollments`, {
      token: manager,
      body: { merchantId, decision: 'declined' },
    });
    const again = await t.api('POST', `/api/v1/campaigns/${id}/enrollments`, {
      token: manager,
      body: { merchantId, decision: 'declined' },
    });
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const change = await t.api('POST', `/api/v1/campaigns/${id}/enrollments`, {
      token: manager,
      body: { merchantId, decision: 'accepted' },
    });
    expectProblem(change, 409);
    expect(change.body).toMatchObject({ from: 'declined', to: 'accepted' });
    const ended = await t.api('POST', `/api/v1/campaigns/${id}/transitions`, { token: manager, body: { to: 'ended' } });
    expect(ended.body.status).toBe('ended');
    const results = await t.api('GET', `/api/v1/campaigns/${id}/results`, { token: manager });
    expect(results.body.funnel).toMatchObject({ segment: 30, heldOut: 3, invited: 27, accepted: 0, declined: 1, expired: 26 });
    const closed = (await outboxOf(t, 'marketing.task.closed.v1')).filter((e) => e.campaignId === id);
    expect(closed).toHaveLength(27);
  });

  it('signs invitation links with a key kept in the database, so a restarted or second replica accepts the same links', async () => {
    const service = {
      config: { env: {} },
      db: marketingDb(t),
      dialect: database.name === 'sqlite' ? ('sqlite' as const) : ('mysql' as const),
    };
    const first = await setupMarketing(service);
    const again = await setupMarketing(service);
    expect(again.linkSecret).toBe(first.linkSecret);
    expect(first.linkSecret.length).toBeGreaterThanOrEqual(40);
    const configured = await setupMarketing({ ...service, config: { env: { MARKETING_LINK_SECRET: 'from-the-operator' } } });
    expect(configured.linkSecret).toBe('from-the-operator');
  });
});
