import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCampaign, type Bakery, bakeries, bakeriesSearchable, launched, startMarketingHost } from './marketing-fixtures';

const DAY = 86_400_000;

interface Group {
  id: string | null;
  name: string | null;
  orders: { treated: { merchants: number }; heldOut: { merchants: number }; relative: unknown; absolute: unknown };
}

describe.each(await databaseEngines())('campaign results by area and rep, and the merchants behind each count, on $name', (database) => {
  const clock = new MovableClock(Date.now());
  let t: TestHost;
  let manager: string;
  let city: Bakery[];
  let campaignId: string;
  const members = async (step: string, token = manager) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `step=${step}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/members?${query}`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...(res.body.items as { merchantId: string }[]).map((m) => m.merchantId));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    t = await startMarketingHost(database, { clock });
    manager = await t.login('countrymanager.sg@fieldops.test');
    city = await bakeries(t, 24);
    await bakeriesSearchable(t, manager, 24);
    const ends = new Date(Date.now() + 30 * DAY).toISOString();
    const report = await launched(t, manager, aCampaign({ startsAt: new Date().toISOString(), endsAt: ends }), 0.25);
    campaignId = report.campaign.id;
    // Two local days after the launch: the uplift has a window to measure.
    clock.advance(2 * DAY);
  }, 240_000);
  afterAll(async () => t?.stop());

  it('each area and each rep has its own uplift with an interval, and the groups add up to the segment', async () => {
    const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/results`, { token: manager });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { funnel, uplift } = res.body as { funnel: { segment: number }; uplift: { byArea: Group[]; byRep: Group[] } };
    expect(funnel.segment).toBe(24);
    const size = (g: Group) => g.orders.treated.merchants + g.orders.heldOut.merchants;
    expect(uplift.byRep.reduce((s, g) => s + size(g), 0)).toBe(24);
    expect(uplift.byArea.reduce((s, g) => s + size(g), 0)).toBe(24);
    // Three reps own eight bakeries each, all named for the manager who may read them.
    expect(uplift.byRep.map(size)).toEqual([8, 8, 8]);
    expect(uplift.byRep.every((g) => typeof g.name === 'string' && g.name.length > 0)).toBe(true);
    for (const group of uplift.byRep) {
      const judged = group.orders.treated.merchants >= 2 && group.orders.heldOut.merchants >= 2;
      expect(group.orders.relative === null).toBe(!judged);
      expect(group.orders.absolute === null).toBe(!judged);
    }
  });

  it('the merchants behind each funnel step are exactly as many as its count, paged', async () => {
    const treated = await members('treated');
    const someone = treated[0];
    expect(someone).toBeDefined();
    const owner = city.find((b) => b.id === someone)?.ownerEmail ?? '';
    const enroll = await t.api('POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
      token: await t.login(owner),
      body: { merchantId: someone, decision: 'accepted' },
    });
    expect(enroll.status, JSON.stringify(enroll.body)).toBe(200);

    const { body } = await t.api('GET', `/api/v1/campaigns/${campaignId}/results`, { token: manager });
    const segment = await members('segment');
    expect(segment).toHaveLength(body.funnel.segment);
    expect(new Set(segment)).toEqual(new Set(city.map((b) => b.id)));
    expect(await members('held-out')).toHaveLength(body.funnel.heldOut);
    expect(treated).toHaveLength(body.funnel.segment - body.funnel.heldOut);
    expect(await members('invited')).toHaveLength(body.funnel.invited);
    expect(await members('accepted')).toEqual([someone]);
    expect(await members('declined')).toEqual([]);
    // Held-out merchants were never invited.
    const heldOut = new Set(await members('held-out'));
    expect((await members('invited')).some((id) => heldOut.has(id))).toBe(false);
  });

  it('another country’s manager and a rep who cannot read the campaign get 404; a bad step is a 400', async () => {
    for (const who of ['countrymanager.br', 'rep1.sg']) {
      const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/members?step=segment`, {
        token: await t.login(`${who}@fieldops.test`),
      });
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(404);
    }
    const bad = await t.api('GET', `/api/v1/campaigns/${campaignId}/members?step=everyone`, { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
