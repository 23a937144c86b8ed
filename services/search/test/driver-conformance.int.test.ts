import { PACK_EXAMPLES } from '@fieldops/countries/examples';
import { destinationPoint, distanceMeters } from '@fieldops/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from '../src/db/search-index';
import type { DocumentType } from '../src/domain/search-document';
import type { SearchQuery } from '../src/domain/search-query';
import type { Visibility } from '../src/domain/visibility';
import { CHINESE_MERCHANTS, CHINESE_QUERIES } from './chinese-merchants';
import { aDoc, aQuery, aScope, everything, testDrivers } from './search-fixtures';

/** Every driver answers the same queries the same way (Elasticsearch only when SEARCH_TEST_URL is set). */
describe.each(testDrivers())('the $name search index', (driver) => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await driver.open();
  });
  afterAll(async () => {
    await index.destroy();
  });

  const ids = async (query: Partial<SearchQuery>, visibility: Visibility = everything) =>
    (await index.search(aQuery(query), visibility)).hits.map((h) => h.doc.id).sort();

  describe('Chinese text: 1, 2 and 3+ characters, mixed with Latin, pinyin', () => {
    beforeAll(async () => {
      await index.put(
        Object.entries(CHINESE_MERCHANTS).map(([n, m]) => aDoc({ id: `zh-${n}`, title: m.title, address: m.address, category: 'zh' })),
      );
    });
    it.each(CHINESE_QUERIES)('"$q" finds $hits', async ({ q, hits }) => {
      const found = await ids({ q, filters: { types: ['merchant'], category: ['zh'] }, sort: 'relevance' });
      expect(found).toEqual(hits.map((n) => `zh-${n}`).sort());
    });
  });

  // Each country pack's search test set (its folder's examples.ts): the names it indexes, the queries that must find them.
  describe.each(PACK_EXAMPLES.map(({ code, examples }) => ({ code, ...examples.search })))(
    '$code search examples',
    ({ code, names, queries }) => {
      const category = `pack-${code}`;
      const idOf = (name: string) => `${code}-${names.indexOf(name)}`;
      beforeAll(async () => {
        await index.put(names.map((name, n) => aDoc({ id: `${code}-${n}`, title: name, category })));
      });
      it.each(queries)('"$q" finds $finds', async ({ q, finds }) => {
        const found = await ids({ q, filters: { types: ['merchant'], category: [category] }, sort: 'relevance' });
        expect(found).toEqual(finds.map(idOf).sort());
      });
    },
  );

  describe('statuses hidden unless asked for', () => {
    beforeAll(async () => {
      await index.put([
        aDoc({ type: 'place', id: 'mg-kept', status: 'active', category: 'merging' }),
        aDoc({ type: 'place', id: 'mg-gone', status: 'merged', category: 'merging' }),
        aDoc({ type: 'visit', id: 'mg-none', status: null, category: 'merging' }),
      ]);
    });
    it('leaves a merged place out, keeps documents without a status, and finds the merged one when asked', async () => {
      const types: SearchQuery['filters']['types'] = ['place', 'visit'];
      expect(await ids({ filters: { types, category: ['merging'], hiddenStatus: ['merged'] } })).toEqual(['mg-kept', 'mg-none']);
      expect(await ids({ filters: { types, category: ['merging'], status: ['merged'] } })).toEqual(['mg-gone']);
    });
  });

  describe('other scripts', () => {
    beforeAll(async () => {
      await index.put([
        aDoc({ id: 'br-1', title: 'Padaria São João', address: 'Rua Augusta 100, São Paulo', category: 'world' }),
        aDoc({ id: 'de-1', title: 'Café Müller', address: 'Straße des 17. Juni', category: 'world' }),
        aDoc({ id: 'th-1', title: 'ร้านข้าวมันไก่ประตูน้ำ', address: 'ถนนเพชรบุรี กรุงเทพมหานคร', category: 'world' }),
        aDoc({ id: 'ar-1', title: 'مطعم الشام', address: 'شارع الملك فهد، الرياض', category: 'world' }),
        aDoc({
          id: 'sg-1',
          title: 'Kopitiam',
          address: '1 North Bridge Road',
          phones: ['+6591234567'],
          keywords: ['Tan Ah Kow'],
          category: 'world',
        }),
        aDoc({ id: 'sg-2', title: '7-Eleven', address: '8 Marina Boulevard', category: 'world' }),
        // Its number has tails beginning with 7 ("7654321"): a lone 7 is a whole number, never a phone's tail.
        aDoc({ id: 'sg-3', title: 'Laundry', address: '9 Marina Boulevard', phones: ['+6587654321'], category: 'world' }),
      ]);
    });
    it.each([
      { q: 'sao paulo', hits: ['br-1'] },
      { q: 'SÃO JOÃO', hits: ['br-1'] },
      { q: 'cafe muller', hits: ['de-1'] },
      { q: 'strasse', hits: ['de-1'] },
      { q: 'มันไก่', hits: ['th-1'] },
      { q: 'ข้าว', hits: ['th-1'] },
      { q: 'الشام', hits: ['ar-1'] },
      { q: 'شام', hits: ['ar-1'] },
      { q: 'الرياض', hits: ['ar-1'] },
      { q: '4567', hits: ['sg-1'] },
      { q: '+65 9123 4567', hits: ['sg-1'] },
      { q: '7', hits: ['sg-2'] },
      { q: '8765-4321', hits: ['sg-3'] },
      { q: 'tan kow', hits: ['sg-1'] },
      { q: 'kopi', hits: ['sg-1'] },
    ])('"$q" finds $hits', async ({ q, hits }) => {
      expect(await ids({ q, filters: { types: ['merchant'], category: ['world'] } })).toEqual(hits);
    });
  });

  describe('versions: an older write never overwrites a newer one', () => {
    it('keeps the newest snapshot whatever the order', async () => {
      await index.put([aDoc({ id: 'v-1', version: 3, title: 'Newest Name' })]);
      await index.put([aDoc({ id: 'v-1', version: 2, title: 'Older Name' })]);
      expect((await index.get('merchant', 'v-1'))?.title).toBe('Newest Name');
      expect(await ids({ q: 'older name' })).toEqual([]);
    });
    it('applies a partial change only when newer, and one without version always', async () => {
      await index.put([aDoc({ id: 'v-2', version: 5, status: 'active' })]);
      expect(await index.patch('merchant', 'v-2', { status: 'suspended' }, 5)).toBe(false);
      expect(await index.patch('merchant', 'v-2', { status: 'churned' }, 6)).toBe(true);
      expect(await index.patch('merchant', 'v-2', { lastVerifiedVisitAt: 42 }, null)).toBe(true);
      const stored = await index.get('merchant', 'v-2');
      expect([stored?.status, stored?.version, stored?.lastVerifiedVisitAt]).toEqual(['churned', 6, 42]);
      expect(await index.patch('merchant', 'missing', { status: 'active' }, 9)).toBe(false);
    });
    it('follows owner names and area paths into the text', async () => {
      await index.put([aDoc({ id: 'v-3', ownerId: 'rename-me', areaId: 'area-x', ownerName: 'Old Person' })]);
      await index.renameOwner('rename-me', 'Xiaoming Wang');
      await index.setAreaPaths(new Map([['area-x', 'Singapore / Bishan']]));
      expect(await ids({ q: 'xiaoming' })).toEqual(['v-3']);
      expect(await ids({ q: 'bishan' })).toEqual(['v-3']);
      expect(await ids({ q: 'old person' })).toEqual([]);
    });
  });

  describe('geo', () => {
    const centre = { lat: 1.3521, lng: 103.8198 };
    beforeAll(async () => {
      const at = (m: number) => destinationPoint(centre, m, 45);
      await index.put([
        aDoc({ id: 'g-100', country: 'SG', ...at(100), category: 'geo' }),
        aDoc({ id: 'g-900', country: 'SG', ...at(900), category: 'geo' }),
        aDoc({ id: 'g-3k', country: 'SG', ...at(3000), category: 'geo' }),
        aDoc({ id: 'g-20k', country: 'SG', ...at(20_000), category: 'geo' }),
      ]);
    });
    const geoOnly = { types: ['merchant' as const], category: ['geo'] };
    it('finds what lies within the radius, nearest first, with distances', async () => {
      const result = await index.search(
        aQuery({ filters: geoOnly, near: { point: centre, radius: 1000 }, origin: centre, sort: 'distance' }),
        everything,
      );
      expect(result.hits.map((h) => h.doc.id)).toEqual(['g-100', 'g-900']);
      expect(result.hits[0]?.distance).toBeCloseTo(100, 0);
      expect(result.hits[1]?.distance).toBeCloseTo(900, 0);
    });
    it('pages nearest first through a crowd, as the whole circle orders it (dense near the point, sparse far out)', async () => {
      const crowd = Array.from({ length: 120 }, (_, i) => {
        // Distances from 3 m to 2.4 km, bunched near the point; bearings spread round it.
        const metres = 3 + (i / 119) ** 3 * 2400;
        return aDoc({
          id: `crowd-${String(i).padStart(3, '0')}`,
          country: 'SG',
          ...destinationPoint(centre, metres, (i * 137) % 360),
          category: 'crowd',
        });
      });
      await index.put(crowd);
      const radius = 2000;
      const expected = crowd
        .map((d) => ({ id: d.id, distance: distanceMeters(centre, { lat: Number(d.lat), lng: Number(d.lng) }) }))
        .filter((d) => d.distance <= radius)
        .sort((a, b) => a.distance - b.distance)
        .map((d) => d.id);
      const walked: string[] = [];
      let after: unknown[] | undefined;
      for (let page = 0; page < 50; page++) {
        const query = { filters: { types: ['merchant' as const], category: ['crowd'] }, near: { point: centre, radius }, origin: centre };
        const result = await index.search(aQuery({ ...query, sort: 'distance', limit: 7, ...(after ? { after } : {}) }), everything);
        walked.push(...result.hits.map((h) => h.doc.id));
        if (!result.more) break;
        after = result.hits.at(-1)?.key;
      }
      expect(walked).toEqual(expected);
    });
    it('answers a wide radius too', async () => {
      expect(await ids({ filters: geoOnly, near: { point: centre, radius: 25_000 }, origin: centre })).toEqual([
        'g-100',
        'g-20k',
        'g-3k',
        'g-900',
      ]);
      expect(await ids({ filters: geoOnly, near: { point: centre, radius: 10_000 }, origin: centre })).toEqual(['g-100', 'g-3k', 'g-900']);
    });
    it('finds what lies inside a bounding box', async () => {
      const box = { minLat: centre.lat, minLng: centre.lng, maxLat: centre.lat + 0.01, maxLng: centre.lng + 0.01 };
      expect(await ids({ filters: geoOnly, box })).toEqual(['g-100', 'g-900']);
    });
    it("finds what lies inside an area's polygon and outside its holes", async () => {
      const [a, b] = [destinationPoint(centre, 50, 45), destinationPoint(centre, 5000, 45)];
      const [h1, h2] = [destinationPoint(centre, 500, 45), destinationPoint(centre, 1500, 45)];
      const ring = (p: typeof a, q: typeof a): [number, number][] => [
        [p.lng, p.lat],
        [q.lng, p.lat],
        [q.lng, q.lat],
        [p.lng, q.lat],
        [p.lng, p.lat],
      ];
      const shape = { polygons: [[ring(a, b), ring(h1, h2)]], box: { minLat: a.lat, minLng: a.lng, maxLat: b.lat, maxLng: b.lng } };
      expect(await ids({ filters: geoOnly, shape })).toEqual(['g-100', 'g-3k']);
    });
    it('combines text and distance', async () => {
      await index.put([aDoc({ id: 'g-kopi', title: 'Kopi Corner', country: 'SG', ...destinationPoint(centre, 200, 90), category: 'geo' })]);
      expect(await ids({ q: 'kopi', filters: geoOnly, near: { point: centre, radius: 500 }, origin: centre })).toEqual(['g-kopi']);
      expect(await ids({ q: 'kopi', filters: geoOnly, near: { point: centre, radius: 150 }, origin: centre })).toEqual([]);
    });
  });

  describe('filters, facets, sorting and paging', () => {
    beforeAll(async () => {
      await index.put([
        aDoc({ id: 'f-1', title: 'Noodle House', status: 'active', category: 'f-food', ownerId: 'u1', areaId: 'a1', country: 'SG' }),
        aDoc({ id: 'f-2', title: 'Noodle Bar', status: 'suspended', category: 'f-food', ownerId: 'u2', areaId: 'a2', country: 'SG' }),
        aDoc({
          id: 'f-3',
          title: 'Laundry',
          address: 'Noodle Street',
          status: 'active',
          category: 'f-wash',
          ownerId: 'u1',
          areaId: 'a1',
          country: 'ID',
        }),
        aDoc({
          type: 'lead',
          id: 'f-4',
          title: 'Noodle Cart',
          status: 'none',
          stage: 'new',
          pool: 'public',
          ownerId: null,
          category: 'f-food',
          country: 'SG',
        }),
        aDoc({
          type: 'lead',
          id: 'f-5',
          title: 'Noodle Stall',
          status: 'none',
          stage: 'qualified',
          pool: 'private',
          category: 'f-food',
          country: 'SG',
        }),
      ]);
    });
    const fCategories = ['f-food', 'f-wash'];
    it.each([
      [{ types: ['lead' as const] }, ['f-4', 'f-5']],
      [{ status: ['suspended'] }, ['f-2']],
      [{ stage: ['qualified'] }, ['f-5']],
      [{ category: ['f-wash'] }, ['f-3']],
      [{ ownerId: ['u1'] }, ['f-1', 'f-3']],
      [{ areaIds: ['a2'] }, ['f-2']],
      [{ country: ['ID'] }, ['f-3']],
      [{ pool: ['public'] }, ['f-4']],
    ])('filters by %o', async (filter, expected) => {
      expect(await ids({ filters: { types: ['merchant', 'lead'], category: fCategories, ...filter } })).toEqual(expected);
    });
    it('counts facets under the same filters', async () => {
      const result = await index.search(
        aQuery({
          q: 'noodle',
          filters: { types: ['merchant', 'lead'], category: fCategories, country: ['SG'] },
          facets: ['type', 'status', 'stage', 'pool'],
        }),
        everything,
      );
      expect(result.facets).toEqual({
        type: { merchant: 2, lead: 2 },
        status: { active: 1, suspended: 1, none: 2 },
        stage: { new: 1, qualified: 1 },
        pool: { public: 1, private: 1 },
      });
    });
    it('counts every hit under the same filters when asked, beyond the page', async () => {
      const query = { q: 'noodle', filters: { types: ['merchant', 'lead'] as DocumentType[], category: fCategories, country: ['SG'] } };
      const page = await index.search(aQuery({ ...query, limit: 1, withTotal: true }), everything);
      expect(page.hits).toHaveLength(1);
      expect(page.total).toBe(4);
      expect((await index.search(aQuery({ ...query, limit: 1 }), everything)).total).toBeUndefined();
    });
    it('ranks a title match above an address match', async () => {
      const result = await index.search(
        aQuery({ q: 'noodle', filters: { types: ['merchant'], category: fCategories }, sort: 'relevance' }),
        everything,
      );
      expect(result.hits.map((h) => h.doc.id).at(-1)).toBe('f-3');
      const scores = result.hits.map((h) => h.score ?? 0);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });
    it.each(['relevance', 'recency'] as const)('pages by %s without gaps or repeats', async (sort) => {
      const seen: string[] = [];
      let after: unknown[] | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await index.search(
          aQuery({ q: 'noodle', filters: { types: ['merchant', 'lead'], category: fCategories }, sort, limit: 2, after }),
          everything,
        );
        seen.push(...result.hits.map((h) => h.doc.id));
        if (!result.more) break;
        after = result.hits.at(-1)?.key;
      }
      expect(seen.sort()).toEqual(['f-1', 'f-2', 'f-3', 'f-4', 'f-5']);
    });
    it('sorts by recency, newest first', async () => {
      const result = await index.search(
        aQuery({ filters: { types: ['merchant', 'lead'], category: fCategories }, sort: 'recency' }),
        everything,
      );
      const times = result.hits.map((h) => h.doc.updatedAt);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });
  });

  describe("the caller's data scope, as the owners apply it", () => {
    beforeAll(async () => {
      const v = { category: 'scope', country: 'SG' };
      await index.put([
        aDoc({ ...v, id: 's-mine', ownerId: 'rep-a', orgUnitId: 'team-a', areaId: 'area-a' }),
        aDoc({ ...v, id: 's-teammate', ownerId: 'rep-b', orgUnitId: 'team-a', areaId: 'area-b' }),
        aDoc({ ...v, id: 's-other-team', ownerId: 'rep-c', orgUnitId: 'team-c', areaId: 'area-a' }),
        aDoc({ ...v, id: 's-agency', ownerId: 'rep-d', orgUnitId: 'team-a', agencyId: 'agency-1', areaId: 'area-a' }),
        aDoc({ ...v, type: 'lead', id: 'l-mine', ownerId: 'rep-a', orgUnitId: 'team-a', pool: 'private' }),
        aDoc({ ...v, type: 'lead', id: 'l-other-private', ownerId: 'rep-c', orgUnitId: 'team-c', areaId: 'area-a', pool: 'private' }),
        aDoc({ ...v, type: 'lead', id: 'l-public-my-area', ownerId: null, orgUnitId: 'team-c', areaId: 'area-a', pool: 'public' }),
        aDoc({ ...v, type: 'lead', id: 'l-public-other-area', ownerId: null, orgUnitId: 'team-c', areaId: 'area-z', pool: 'public' }),
        aDoc({ ...v, type: 'lead', id: 'l-public-no-area', ownerId: null, orgUnitId: null, areaId: null, pool: 'public' }),
        aDoc({ ...v, type: 'lead', id: 'l-public-elsewhere', ownerId: null, orgUnitId: null, country: 'ID', pool: 'public' }),
        aDoc({ ...v, type: 'place', id: 'p-sg', ownerId: null, orgUnitId: null }),
        aDoc({ ...v, type: 'place', id: 'p-id', ownerId: null, orgUnitId: null, country: 'ID' }),
        aDoc({ ...v, type: 'visit', id: 'vi-mine', ownerId: 'rep-a', orgUnitId: 'team-a' }),
        aDoc({ ...v, type: 'visit', id: 'vi-other', ownerId: 'rep-c', orgUnitId: 'team-c' }),
      ]);
    });
    const scoped = async (scope: Parameters<typeof aScope>[0], types: Visibility['types'] = ['merchant', 'lead', 'place', 'visit']) => {
      const visibility = { scope: aScope({ userId: 'rep-a', country: 'SG', ...scope }), types };
      const result = await index.search(aQuery({ filters: { types, category: ['scope'] }, facets: ['type', 'ownerId'] }), visibility);
      return { ids: result.hits.map((h) => h.doc.id).sort(), facets: result.facets };
    };
    it('a rep (self) sees their own records, the public pool of their areas, and their country’s places', async () => {
      const { ids: seen, facets } = await scoped({ scope: 'self', areaIds: ['area-a'] });
      expect(seen).toEqual(['l-mine', 'l-public-my-area', 'l-public-no-area', 'p-sg', 's-mine', 'vi-mine'].sort());
      expect(facets.ownerId?.['rep-c']).toBeUndefined();
      expect(facets.type).toEqual({ merchant: 1, lead: 3, place: 1, visit: 1 });
    });
    it('a team lead sees the team’s records', async () => {
      const { ids: seen } = await scoped({ scope: 'team', orgUnitIds: ['team-a'], areaIds: [] }, ['merchant']);
      expect(seen).toEqual(['s-agency', 's-mine', 's-teammate']);
    });
    it('an area manager sees the records filed in their areas', async () => {
      const { ids: seen } = await scoped({ scope: 'area', areaIds: ['area-a'] }, ['merchant']);
      expect(seen).toEqual(['s-agency', 's-mine', 's-other-team']);
    });
    it('an agency user sees only their agency’s records and the agency-free public pool', async () => {
      const { ids: seen } = await scoped({ scope: 'team', orgUnitIds: ['team-a'], agencyId: 'agency-1' }, ['merchant', 'lead']);
      expect(seen).toEqual(['l-public-no-area', 'l-public-my-area', 'l-public-other-area', 's-agency'].sort());
    });
    it('a country manager sees the country, not another', async () => {
      const { ids: seen } = await scoped({ scope: 'country' }, ['lead', 'place']);
      expect(seen).toEqual(['l-mine', 'l-other-private', 'l-public-my-area', 'l-public-no-area', 'l-public-other-area', 'p-sg']);
    });
    it('a type the caller may not read is not searched', async () => {
      const { facets } = await scoped({ scope: 'all' }, ['place']);
      expect(facets.type).toEqual({ place: 2 });
    });
  });
});
