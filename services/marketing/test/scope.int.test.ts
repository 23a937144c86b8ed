import { Code, ConnectError } from '@connectrpc/connect';
import { MarketingService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCampaign, type Bakery, bakeries, bakeriesSearchable, expectProblem, launched, startMarketingHost } from './marketing-fixtures';

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(await databaseEngines())('the data scope of campaigns on $name', (database) => {
  let t: TestHost;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  let manager: string;
  let city: Bakery[];
  let campaignId: string;
  beforeAll(async () => {
    t = await startMarketingHost(database);
    manager = await as('countrymanager.sg');
    // rep1 is in team 1, rep7 in team 2.
    city = await bakeries(t, 6, ['rep1.sg', 'rep7.sg']);
    await bakeriesSearchable(t, manager, 6);
    campaignId = (await launched(t, manager, aCampaign(), 0)).campaign.id;
  }, 180_000);
  afterAll(async () => t?.stop());

  const mine = (rep: string) => city.filter((b) => b.ownerEmail === `${rep}@fieldops.test`).map((b) => b.id);

  /** Every way to read or change the campaign answers 404 to `who`, and listing does not show it. */
  async function cannotReach(who: string) {
    const token = await as(who);
    expectProblem(await t.api('GET', `/api/v1/campaigns/${campaignId}`, { token }), 404);
    expectProblem(await t.api('GET', `/api/v1/campaigns/${campaignId}/results`, { token }), 404);
    expectProblem(await t.api('GET', `/api/v1/campaigns/${campaignId}/enrollments`, { token }), 404);
    // Writes: a rep holds no campaign:write (403); a manager of another country does, and finds nothing (404).
    const writes = [
      await t.api('POST', `/api/v1/campaigns/${campaignId}/transitions`, { token, body: { to: 'ended' } }),
      await t.api('POST', `/api/v1/campaigns/${campaignId}/launch`, { token, body: { holdoutShare: 0.1 } }),
      await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
        token,
        body: { merchantId: city[0]?.id, decision: 'accepted' },
      }),
    ];
    for (const answer of writes) expect([403, 404], JSON.stringify(answer.body)).toContain(answer.status);
    const campaign = await t.api('GET', `/api/v1/campaigns/${campaignId}`, { token: manager });
    expect(campaign.body).toMatchObject({ status: 'running', version: 3, budget: { accepted: 0 } });
    const list = await t.api('GET', '/api/v1/campaigns?limit=200', { token });
    expect(list.body.items?.map((i: { id: string }) => i.id) ?? []).not.toContain(campaignId);
  }

  it('another country’s users get 404 everywhere, their country manager included', async () => {
    await cannotReach('rep1.br');
    await cannotReach('countrymanager.cn');
  });

  it('a team lead of another team sees neither the campaign nor the enrollments of merchants outside the team', async () => {
    const lead = await as('teamlead1.sg');
    expectProblem(await t.api('GET', `/api/v1/campaigns/${campaignId}`, { token: lead }), 404);
    const list = await t.api('GET', `/api/v1/campaigns/${campaignId}/enrollments?limit=200`, { token: lead });
    expect(list.body.items.map((e: { merchantId: string }) => e.merchantId).sort()).toEqual(mine('rep1.sg').sort());
  });

  it('a rep sees and answers the invitations of their own merchants only', async () => {
    const rep1 = await as('rep1.sg');
    const list = await t.api('GET', `/api/v1/campaigns/${campaignId}/enrollments?limit=200`, { token: rep1 });
    expect(list.body.items.map((e: { merchantId: string }) => e.merchantId).sort()).toEqual(mine('rep1.sg').sort());
    const theirs = mine('rep7.sg')[0];
    expectProblem(
      await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
        token: rep1,
        body: { merchantId: theirs, decision: 'accepted' },
      }),
      404,
    );
    const own = await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
      token: rep1,
      body: { merchantId: mine('rep1.sg')[0], decision: 'declined' },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    // The country manager sees the campaign, but a merchant it holds no invitation for is a 422 naming the field.
    const nobody = '00000000-0000-4000-8000-000000000000';
    expectProblem(
      await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
        token: manager,
        body: { merchantId: nobody, decision: 'accepted' },
      }),
      422,
      '/body/merchantId',
    );
  });

  it('a check-in of someone else, or none at all, is no evidence: a 422 naming visitId', async () => {
    const rep7 = await as('rep7.sg');
    const merchantId = mine('rep7.sg')[1] ?? '';
    const merchant = (await t.api('GET', `/api/v1/merchants/${merchantId}`, { token: rep7 })).body;
    const visit = await t.api('POST', '/api/v1/visits', {
      token: rep7,
      body: {
        targetType: 'merchant',
        targetId: merchantId,
        lat: merchant.lat,
        lng: merchant.lng,
        accuracyM: 10,
        deviceTime: new Date().toISOString(),
        mockLocation: false,
      },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    // The country manager sees the merchant, but the check-in is rep7's, not theirs.
    expectProblem(
      await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
        token: manager,
        body: { merchantId, decision: 'accepted', visitId: visit.body.id },
      }),
      422,
      '/body/visitId',
    );
    expectProblem(
      await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
        token: rep7,
        body: { merchantId, decision: 'accepted', visitId: '00000000-0000-4000-8000-000000000000' },
      }),
      422,
      '/body/visitId',
    );
  });

  it('segment filters naming an area or an owner outside my scope are a 422 naming the field; nothing is created', async () => {
    const brArea = (await t.api('GET', '/api/v1/areas?limit=5', { token: await as('countrymanager.br') })).body.items[0].id as string;
    const brRepId = (await t.api('GET', '/api/v1/me', { token: await as('rep1.br') })).body.user.id as string;
    for (const [field, filters] of [
      ['areaIds', { areaIds: [brArea] }],
      ['withinAreaId', { withinAreaId: brArea }],
      ['ownerIds', { ownerIds: [brRepId] }],
    ] as const) {
      expectProblem(
        await t.api('POST', '/api/v1/campaigns/segment-preview', { token: manager, body: { filters } }),
        422,
        `/body/filters/${field}`,
      );
      expectProblem(
        await t.api('POST', '/api/v1/campaigns', { token: manager, body: aCampaign({ name: 'Foreign filter', filters }) }),
        422,
        `/body/filters/${field}`,
      );
    }
    const list = await t.api('GET', '/api/v1/campaigns?limit=200', { token: manager });
    expect(list.body.items.filter((c: { name: string }) => c.name === 'Foreign filter')).toEqual([]);
  });

  it('RPC: GetCampaign and ExportEnrollments (one campaign’s or every campaign’s) within scope; ListEnrollmentsForMerchant for the merchant’s reader only', async () => {
    const marketing = () => t.host.runtime.rpc.client(MarketingService);
    const { campaign } = await marketing().getCampaign({ id: campaignId }, asCaller(manager));
    expect(campaign?.name).toBe('Breakfast subsidy');
    expect(await failureOf(marketing().getCampaign({ id: campaignId }, asCaller(await as('rep1.br'))))).toBe(Code.NotFound);
    const page = await marketing().exportEnrollments({ campaignId, limit: 4 }, asCaller(manager));
    expect(page.enrollments).toHaveLength(4);
    const rest = await marketing().exportEnrollments({ campaignId, after: page.nextAfter, limit: 4 }, asCaller(manager));
    expect(rest.enrollments).toHaveLength(2);
    expect(rest.nextAfter).toBe('');
    // No campaign named: every campaign's enrollments the caller may see, with where each was credited.
    const every = await marketing().exportEnrollments({ limit: 1000 }, asCaller(manager));
    expect(every.enrollments.map((e) => e.id)).toEqual(expect.arrayContaining([...page.enrollments, ...rest.enrollments].map((e) => e.id)));
    for (const enrollment of every.enrollments) expect(enrollment.country).toBe('SG');
    expect((await marketing().exportEnrollments({ limit: 1000 }, asCaller(await as('rep1.br')))).enrollments).toEqual([]);
    const merchantId = mine('rep7.sg')[0] ?? '';
    const own = await marketing().listEnrollmentsForMerchant({ merchantId }, asCaller(await as('rep7.sg')));
    expect(own.enrollments.map((e) => e.campaignId)).toEqual([campaignId]);
    const other = await marketing().listEnrollmentsForMerchant({ merchantId }, asCaller(await as('rep1.sg')));
    expect(other.enrollments).toEqual([]);
  });
});
