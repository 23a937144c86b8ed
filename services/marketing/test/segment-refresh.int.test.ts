import { Code, ConnectError } from '@connectrpc/connect';
import { SearchService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { ticketsService } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketingTasks } from '../src/index';
import {
  aCampaign,
  type Bakery,
  bakeries,
  bakeriesSearchable,
  changeUser,
  idNamed,
  launched,
  marketingDb,
  outboxOf,
  startMarketingHost,
} from './marketing-fixtures';

describe.each(await databaseEngines())('segments that follow the read model on $name', (database) => {
  let t: TestHost;
  let manager: string;
  let city: Bakery[];
  const preview = async (token: string, filters: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/campaigns/segment-preview', { token, body: { filters } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { count: number; sample: { merchantId: string }[] };
  };
  const membersOf = async (campaignId: string) =>
    marketingDb(t).selectFrom('campaign_member').select(['merchant_id', 'cohort']).where('campaign_id', '=', campaignId).execute();
  const refresh = () => t.host.runTask(marketingTasks.refreshSegments, {});
  /** Refreshed daily, and running until well after today (a campaign past its end takes nobody in). */
  const refreshed = (name: string) => aCampaign({ name, dailyRefresh: true, endsAt: new Date(Date.now() + 90 * 86_400_000).toISOString() });

  beforeAll(async () => {
    t = await startMarketingHost(database, { others: [ticketsService] });
    manager = await t.login('countrymanager.sg@fieldops.test');
    // rep1 is in team 1, rep7 in team 2.
    city = await bakeries(t, 12, ['rep1.sg', 'rep7.sg']);
    await bakeriesSearchable(t, manager, 12);
  }, 180_000);
  afterAll(async () => t?.stop());

  it('the preview’s count and sample are the launch’s members, counted by the index or read hit by hit', async () => {
    for (const filters of [{ categories: ['bakery'] }, { categories: ['bakery'], tiers: ['A', 'B'] }]) {
      const { count, sample } = await preview(manager, filters);
      const report = await launched(t, manager, aCampaign({ name: `Agree ${JSON.stringify(filters)}`, filters }), 0.1);
      const members = new Set((await membersOf(report.campaign.id)).map((m) => m.merchant_id));
      expect(report.members).toBe(count);
      expect(members.size).toBe(count);
      expect(sample.length).toBe(Math.min(count, 20));
      for (const m of sample) expect(members.has(m.merchantId)).toBe(true);
    }
  });

  it('an open ticket on a merchant is a segment filter, in the preview and the launch', async () => {
    const [withTicket] = city;
    const opened = await t.api('POST', '/api/v1/tickets', {
      token: manager,
      body: {
        type: 'equipment-repair',
        merchantId: withTicket?.id,
        title: 'Oven terminal does not print',
        fields: { terminalModel: 'PAX A920', serialNumber: 'SN10000001', symptom: 'printer' },
      },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await eventually(async () => expect((await preview(manager, { categories: ['bakery'], hasOpenTicket: true })).count).toBe(1), {
      timeoutMs: 30_000,
    });
    expect((await preview(manager, { categories: ['bakery'], hasOpenTicket: true })).sample.map((m) => m.merchantId)).toEqual([
      withTicket?.id,
    ]);
    expect((await preview(manager, { categories: ['bakery'], hasOpenTicket: false })).count).toBe(11);
    const report = await launched(
      t,
      manager,
      aCampaign({ name: 'Ticket follow-up', filters: { categories: ['bakery'], hasOpenTicket: true } }),
      0,
    );
    expect((await membersOf(report.campaign.id)).map((m) => m.merchant_id)).toEqual([withTicket?.id]);
  });

  it('a daily refresh adds newly matching merchants of the creator’s scope, split and invited as at launch, once', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const report = await launched(t, lead, refreshed('Team bakeries'), 0.25);
    const id = report.campaign.id;
    // The team lead's scope: rep1's six bakeries, not rep7's.
    expect(report.members).toBe(6);
    const fixed = await launched(t, lead, { ...refreshed('Fixed snapshot'), dailyRefresh: false }, 0.25);
    const newcomers = await bakeries(t, 6, ['rep1.sg', 'rep7.sg']);
    await bakeriesSearchable(t, manager, 18);
    const teamNew = newcomers.filter((b) => b.ownerEmail === 'rep1.sg@fieldops.test').map((b) => b.id);

    const first = await refresh();
    expect(first.added).toBe(3);
    const members = await membersOf(id);
    expect(members).toHaveLength(9);
    const added = members.filter((m) => teamNew.includes(m.merchant_id));
    expect(added.map((m) => m.merchant_id).sort()).toEqual([...teamNew].sort());
    // round(9 × 0.25) = 2 held out in all: the launch held out round(6 × 0.25) = 2, so the newcomers hold out none.
    expect(members.filter((m) => m.cohort === 'held-out')).toHaveLength(2);
    const invited = (await outboxOf(t, 'marketing.enrollment.invited.v1')).filter((e) => e.campaignId === id);
    const tasks = (await outboxOf(t, 'marketing.task.opened.v1')).filter((e) => e.campaignId === id);
    const treated = members.filter((m) => m.cohort === 'treated').map((m) => m.merchant_id);
    expect(invited.map((e) => e.merchantId).sort()).toEqual([...treated].sort());
    expect(tasks.map((e) => e.merchantId).sort()).toEqual([...treated].sort());
    const [event, ...more] = (await outboxOf(t, 'marketing.campaign.members-added.v1')).filter((e) => e.campaignId === id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ members: 3, treated: 3, heldOut: 0 });
    expect(((event?.added ?? []) as { merchantId: string }[]).map((a) => a.merchantId).sort()).toEqual([...teamNew].sort());
    // A campaign without the flag keeps its launch snapshot.
    expect(await membersOf(fixed.campaign.id)).toHaveLength(6);

    const again = await refresh();
    expect(again.added).toBe(0);
    expect(await membersOf(id)).toHaveLength(9);
    expect((await outboxOf(t, 'marketing.enrollment.invited.v1')).filter((e) => e.campaignId === id)).toHaveLength(invited.length);
  });

  it('the held-out share follows the whole membership as merchants join', async () => {
    const report = await launched(t, manager, refreshed('Half held out'), 0.5);
    expect(report).toMatchObject({ members: 18, heldOut: 9 });
    await bakeries(t, 4, ['rep1.sg', 'rep7.sg']);
    await bakeriesSearchable(t, manager, 22);
    await refresh();
    const members = await membersOf(report.campaign.id);
    expect(members).toHaveLength(22);
    expect(members.filter((m) => m.cohort === 'held-out')).toHaveLength(11);
  });

  it('each refresh reads its creator’s scope and permission as they are now, and the campaign tells why it took in nobody', async () => {
    const admin = await t.login('admin@fieldops.test');
    const creator = 'citymanager1.sg@fieldops.test';
    const cityManager = await idNamed(t, admin, '/api/v1/roles', 'city_manager');
    const city = await idNamed(t, admin, '/api/v1/org-units', 'Central Region');
    const north = await idNamed(t, admin, '/api/v1/org-units', 'Central Region North');
    let searchable = (await preview(manager, { categories: ['bakery'] })).count;
    const addBakeries = async (count: number, reps: string[]) => {
      const made = await bakeries(t, count, reps);
      searchable += count;
      await bakeriesSearchable(t, manager, searchable);
      return made.map((b) => b.id);
    };
    const campaignView = async (id: string) => {
      const res = await t.api('GET', `/api/v1/campaigns/${id}`, { token: manager });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { lastRefresh: { at: string; added: number } | null; refreshPaused: string | null };
    };
    const memberIds = async (id: string) => new Set((await membersOf(id)).map((m) => m.merchant_id));

    // The city manager sees both of the city's teams: every bakery (rep1's in North, rep7's in South).
    const report = await launched(t, await t.login(creator), refreshed('City bakeries'), 0);
    const id = report.campaign.id;
    expect(report.members).toBe(searchable);
    expect(await campaignView(id)).toMatchObject({ lastRefresh: null, refreshPaused: null });

    // Moved down to the North team: the next refresh takes in North's newcomers only.
    await changeUser(t, admin, creator, { orgUnitId: north });
    const [northNew, southNew] = [await addBakeries(2, ['rep1.sg']), await addBakeries(2, ['rep7.sg'])];
    await refresh();
    const afterMove = await memberIds(id);
    expect(afterMove.size).toBe(report.members + 2);
    for (const m of northNew) expect(afterMove.has(m)).toBe(true);
    for (const m of southNew) expect(afterMove.has(m)).toBe(false);
    const moved = await campaignView(id);
    expect(moved).toMatchObject({ lastRefresh: { added: 2 }, refreshPaused: null });

    // A role that still sees the team but may not run campaigns: nobody joins, and the campaign says why.
    const viewer = await t.api('POST', '/api/v1/roles', {
      token: admin,
      body: { name: 'campaign_viewer', permissions: ['campaign:read', 'merchant:read', 'search:read'], scope: 'team' },
    });
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(201);
    await changeUser(t, admin, creator, { roleIds: [viewer.body.id] });
    const unseen = await addBakeries(2, ['rep1.sg']);
    const paused = await refresh();
    expect(paused.paused).toBeGreaterThanOrEqual(1);
    expect((await memberIds(id)).size).toBe(afterMove.size);
    // The last refresh that ran stays as it was.
    expect(await campaignView(id)).toEqual(
      expect.objectContaining({ lastRefresh: moved.lastRefresh, refreshPaused: 'creator-lacks-permission' }),
    );

    // Disabled, the creator is no one the refresh can act for.
    await changeUser(t, admin, creator, { status: 'disabled' });
    await refresh();
    expect((await memberIds(id)).size).toBe(afterMove.size);
    expect((await campaignView(id)).refreshPaused).toBe('creator-inactive');

    // Back in the city with their role: the refresh resumes, within the city again.
    await changeUser(t, admin, creator, { status: 'active', roleIds: [cityManager], orgUnitId: city });
    await refresh();
    const resumed = await memberIds(id);
    for (const m of [...unseen, ...southNew]) expect(resumed.has(m)).toBe(true);
    expect(resumed.size).toBe(searchable);
    expect(await campaignView(id)).toMatchObject({ lastRefresh: { added: 4 }, refreshPaused: null });
  });

  it('only a FieldOps service may search within another user’s scope', async () => {
    const search = t.host.runtime.rpc.client(SearchService);
    const scope = { userId: 'someone', scope: 'all', country: 'SG', orgUnitId: '', orgUnitIds: [], areaIds: [], permissions: [] };
    const failure = await search
      .search({ types: ['merchant'], onBehalfOf: scope }, asCaller(manager))
      .then(() => undefined)
      .catch((error: unknown) => ConnectError.from(error).code);
    expect(failure).toBe(Code.PermissionDenied);
  });
});
