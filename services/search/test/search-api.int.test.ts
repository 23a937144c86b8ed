import { SearchService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { eventually, hostEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInShape, shapeOfGeoJson } from '../src/domain/area-shape';
import { aLeadSnapshot, aMerchantSnapshot, aPlaceSnapshot, aVisitSnapshot, claimsOf, publish, startSearchHost } from './search-host';

const engines = await hostEngines();

describe.each(engines)('search API on $name', (engines) => {
  let t: TestHost;
  let admin: string;
  let rep: string;
  let otherRep: string;
  let repId: string;
  let repOrg: string;
  let otherRepId: string;
  const search = async (token: string, query: string) => t.api('GET', `/api/v1/search?${query}`, { token });
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  beforeAll(async () => {
    t = await startSearchHost(engines);
    admin = await t.login('admin@fieldops.test');
    rep = await t.login('rep1.sg@fieldops.test');
    otherRep = await t.login('rep6.sg@fieldops.test');
    ({ sub: repId, org: repOrg } = claimsOf(rep));
    otherRepId = claimsOf(otherRep).sub;
    expect(claimsOf(otherRep).org).not.toBe(repOrg);
  }, 120_000);
  afterAll(async () => t?.stop());

  it('a created merchant becomes searchable with its owner’s name, by name, contact and phone', async () => {
    const m = aMerchantSnapshot({
      brandName: 'Lucky Prawn Noodle',
      ownerId: repId,
      orgUnitId: repOrg,
      contacts: [{ name: 'Lim Bee Hoon', role: 'owner', phone: '+6581112222' }],
    });
    await publish(t, 'merchant.merchant.created.v1', m.id, m, { country: 'SG' });
    await eventually(async () => {
      const res = await search(rep, 'q=prawn');
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toMatchObject({
        type: 'merchant',
        id: m.id,
        ownerName: claimsOf(rep).name,
        highlights: { title: expect.stringContaining('<em>Prawn</em>') },
      });
    });
    expect(idsOf((await search(rep, 'q=lim%20bee')).body)).toEqual([m.id]);
    expect(idsOf((await search(rep, 'q=1112222')).body)).toEqual([m.id]);
  });

  it("follows an owner's name into their records, also when the records came first", async () => {
    const userId = `late-${Date.now()}`;
    const m = aMerchantSnapshot({ brandName: 'Early Bird Bakery', ownerId: userId });
    await publish(t, 'merchant.merchant.created.v1', m.id, m);
    await eventually(async () => expect(idsOf((await search(admin, 'q=early%20bird')).body)).toEqual([m.id]));
    const user = {
      id: userId,
      email: `${userId}@example.com`,
      name: 'Wan Ting Goh',
      phone: null,
      country: 'SG',
      orgUnitId: 'x',
      agencyId: null,
      roleIds: [],
      status: 'active',
      locale: 'en',
      version: 1,
    };
    await publish(t, 'account.user.created.v1', userId, user);
    await eventually(async () =>
      expect((await search(admin, 'q=wan%20ting')).body.items.map((i: { ownerName: string }) => i.ownerName)).toEqual(['Wan Ting Goh']),
    );
    await publish(t, 'account.user.updated.v1', userId, { ...user, name: 'Wan Ting Lim', version: 2 });
    await eventually(async () => expect(idsOf((await search(admin, 'q=ting%20lim')).body)).toEqual([m.id]));
  });

  it('an older event never overwrites a newer version', async () => {
    const m = aMerchantSnapshot({ brandName: 'Version Three', ownerId: repId, orgUnitId: repOrg, version: 3 });
    await publish(t, 'merchant.merchant.updated.v1', m.id, m);
    await publish(t, 'merchant.merchant.updated.v1', m.id, { ...m, brandName: 'Version Two', version: 2 });
    await publish(t, 'merchant.merchant.status-changed.v1', m.id, {
      merchantId: m.id,
      by: repId,
      from: 'onboarding',
      to: 'active',
      reason: '',
      version: 4,
    });
    await publish(t, 'merchant.merchant.status-changed.v1', m.id, {
      merchantId: m.id,
      by: repId,
      from: 'onboarding',
      to: 'churned',
      reason: '',
      version: 2,
    });
    await eventually(async () =>
      expect((await search(admin, `q=version&status=active`)).body.items.map((i: { title: string }) => i.title)).toEqual([
        'Version Three (Test Kopitiam Pte Ltd)',
      ]),
    );
    expect((await search(admin, 'q=%22version%20two%22')).body.items).toEqual([]);
  });

  it("a rep cannot find another team's private lead, not even as a facet count; the public pool they can", async () => {
    const privateLead = aLeadSnapshot({
      name: 'Secret Satay Stall',
      ownerId: otherRepId,
      orgUnitId: claimsOf(otherRep).org,
      pool: 'private',
    });
    const publicLead = aLeadSnapshot({ name: 'Open Satay Stall' });
    await publish(t, 'leads.lead.created.v1', privateLead.id, privateLead);
    await publish(t, 'leads.lead.created.v1', publicLead.id, publicLead);
    await eventually(async () =>
      expect(idsOf((await search(otherRep, 'q=satay')).body).sort()).toEqual([privateLead.id, publicLead.id].sort()),
    );
    const seen = await search(rep, 'q=satay&facets=type,pool,ownerId,stage');
    expect(idsOf(seen.body)).toEqual([publicLead.id]);
    expect(seen.body.facets).toEqual({ type: { lead: 1 }, pool: { public: 1 }, ownerId: {}, stage: { new: 1 } });
    expect(seen.body.items[0].details.phone).toBeUndefined();
    // The rep claims the public lead: it is theirs now, and no longer in the other rep's view.
    await publish(t, 'leads.lead.claimed.v1', publicLead.id, {
      leadId: publicLead.id,
      by: repId,
      previousOwnerId: null,
      ownerId: repId,
      protectedUntil: null,
      version: 2,
    });
    await eventually(async () => expect(idsOf((await search(otherRep, 'q=satay')).body)).toEqual([privateLead.id]));
    const mine = await search(rep, 'q=satay&pool=private');
    expect(mine.body.items[0]).toMatchObject({ id: publicLead.id, ownerId: repId, pool: 'private', details: { phone: publicLead.phone } });
    await publish(t, 'leads.lead.stage-changed.v1', publicLead.id, {
      leadId: publicLead.id,
      by: repId,
      from: 'new',
      to: 'contacted',
      version: 3,
    });
    await eventually(async () => expect(idsOf((await search(rep, 'stage=contacted&type=lead')).body)).toEqual([publicLead.id]));
  });

  it('indexes imported places and finds them near a point, in a box and in an area polygon', async () => {
    const near = aPlaceSnapshot({ name: 'Bugis Bakery', lat: 1.3008, lng: 103.8553, category: 'bakery' });
    const far = aPlaceSnapshot({ name: 'Jurong Bakery', lat: 1.3329, lng: 103.7436, category: 'bakery' });
    await publish(t, 'poi.places.imported.v1', 'batch-1', { batchId: 'batch-1', places: [near, far] });
    await eventually(async () => expect(idsOf((await search(rep, 'q=bakery&type=place')).body).sort()).toEqual([near.id, far.id].sort()));
    const around = await search(rep, 'type=place&category=bakery&lat=1.3&lng=103.855&radius=2000');
    expect(idsOf(around.body)).toEqual([near.id]);
    expect(around.body.items[0].distance).toBeGreaterThan(0);
    expect(around.body.items[0].distance).toBeLessThan(200);
    const sorted = await search(rep, 'type=place&category=bakery&lat=1.3&lng=103.855&sort=distance');
    expect(idsOf(sorted.body)).toEqual([near.id, far.id]);
    expect(idsOf((await search(rep, 'type=place&category=bakery&bbox=103.70,1.30,103.80,1.35')).body)).toEqual([far.id]);
    const areas = await t.api('GET', '/api/v1/areas?limit=200&geometry=true', { token: admin });
    const districts = (areas.body.items as { id: string; name: string; kind: string; country: string; geometry?: unknown }[]).filter(
      (a) => a.kind === 'district' && a.country === 'SG' && a.geometry,
    );
    const holding = (p: { lat: number; lng: number }) =>
      districts.find((a) => {
        const shape = shapeOfGeoJson(JSON.stringify(a.geometry));
        return shape !== null && pointInShape(shape, p.lat, p.lng);
      });
    const district = holding(near);
    if (!district) throw new Error('no demo district holds the Bugis point');
    expect(holding(far)?.id).not.toBe(district.id);
    expect(idsOf((await search(admin, `type=place&category=bakery&areaId=${district.id}`)).body)).toEqual([near.id]);
    // Filed under the district: its path (from the area events) is shown and searchable.
    const filed = aPlaceSnapshot({ name: 'Filed Florist', areaId: district.id });
    await publish(t, 'poi.place.created.v1', filed.id, filed);
    await eventually(async () =>
      expect((await search(admin, `q=florist&area=${district.id}`)).body.items[0]?.areaPath).toMatch(new RegExp(`${district.name}$`)),
    );
    expect(idsOf((await search(admin, `q=${encodeURIComponent(district.name)}&type=place`)).body)).toContain(filed.id);
    expect((await search(admin, 'type=place&areaId=no-such-area')).status).toBe(404);
  });

  it('indexes visits, and a verified visit becomes the merchant’s last verified visit', async () => {
    const m = aMerchantSnapshot({ brandName: 'Visited Vegetarian', ownerId: repId, orgUnitId: repOrg });
    await publish(t, 'merchant.merchant.created.v1', m.id, m);
    const visit = aVisitSnapshot({
      repId,
      orgUnitId: repOrg,
      targetId: m.id,
      targetName: 'Visited Vegetarian',
      notes: 'owner asked for durian promo',
      verification: 'verified',
      checkedInAt: '2026-01-02T03:04:05.000Z',
    });
    await publish(t, 'checkin.visit.checked-out.v1', visit.id, visit);
    await eventually(async () => expect(idsOf((await search(rep, 'q=durian&type=visit')).body)).toEqual([visit.id]));
    await eventually(async () =>
      expect((await search(rep, 'q=vegetarian&type=merchant')).body.items[0].lastVerifiedVisitAt).toBe('2026-01-02T03:04:05.000Z'),
    );
    expect(idsOf((await search(otherRep, 'q=durian&type=visit')).body)).toEqual([]);
  });

  it('pages with a cursor, without repeats', async () => {
    for (let i = 0; i < 5; i++) {
      const m = aMerchantSnapshot({ brandName: `Paging Pau ${i}`, ownerId: repId, orgUnitId: repOrg });
      await publish(t, 'merchant.merchant.created.v1', m.id, m);
    }
    await eventually(async () => expect((await search(rep, 'q=pau&limit=100')).body.items).toHaveLength(5));
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await search(rep, `q=pau&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...idsOf(page.body));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toHaveLength(5);
  });

  it('refuses bad input with a problem naming the field, and callers without a token', async () => {
    for (const [query, field] of [
      ['bbox=1,2,3', '/query/bbox'],
      ['radius=100', '/query/radius'],
      ['lat=1', '/query/lng'],
      ['type=shop', '/query/type'],
      ['facets=colour', '/query/facets'],
      ['sort=distance', '/query/sort'],
      ['cursor=nonsense', '/query/cursor'],
    ] as const) {
      const res = await search(rep, query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await t.api('GET', '/api/v1/search?q=x')).status).toBe(401);
  });

  it('tells per source how current it is, and exports the lag as a metric', async () => {
    const status = await t.api('GET', '/api/v1/search/status', { token: rep });
    expect(status.status).toBe(200);
    const merchant = status.body.sources.find((s: { source: string }) => s.source === 'merchant');
    expect(merchant.events).toBeGreaterThan(0);
    expect(merchant.lastEventAt).not.toBeNull();
    expect(merchant.backlog).toBe(0);
    expect(status.body.documents).toBeGreaterThan(0);
    const metrics = await t.api('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/fieldops_search_lag_seconds_count\{source="merchant"\} [1-9]/);
  });

  it('answers the same search over RPC', async () => {
    const answer = await t.host.runtime.rpc.client(SearchService).search({ q: 'prawn', facets: ['type'] }, asCaller(rep));
    expect(answer.items.map((i) => i.title)).toEqual(['Lucky Prawn Noodle (Test Kopitiam Pte Ltd)']);
    expect(answer.facets.type?.counts).toEqual({ merchant: 1n });
  });
});
