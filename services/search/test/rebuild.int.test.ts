import fs from 'node:fs';
import path from 'node:path';
import { Code, ConnectError } from '@connectrpc/connect';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { PoiService } from '@fieldops/contracts';
import { merchantService } from '@fieldops/merchant';
import { asCaller } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { eventually, hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import { searchService } from '../src/index';
import { aDoc } from './search-fixtures';
import { aLeadSnapshot, aMerchantSnapshot, aVisitSnapshot, publish } from './search-host';

const engines = await hostEngines();
const silent = { start() {}, tick() {}, stop() {} };

describe.each(engines)('rebuilding the search index on $name', (engines) => {
  let t: TestHost;
  let admin: string;
  let rep: string;
  const placeIds: string[] = [];
  const search = async (query: string) => (await t.api('GET', `/api/v1/search?${query}`, { token: admin })).body;
  const indexDir = () => path.join(t.host.runtime.config.dataDir, 'search');
  const generation = () => fs.readFileSync(path.join(indexDir(), 'current'), 'utf8');

  beforeAll(async () => {
    t = await startTestHost({ services: [accountService, areaService, poiService, merchantService, searchService], engines });
    await t.host.service('account')?.seedDemo(silent);
    admin = await t.login('admin@fieldops.test');
    rep = await t.login('rep1.sg@fieldops.test');
    for (const name of ['Rebuild Rojak', 'Rebuild Roti', 'Rebuild Rendang']) {
      const res = await t.api('POST', '/api/v1/places', {
        token: admin,
        body: { name, category: 'restaurant', lat: 1.3, lng: 103.85, country: 'SG' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      placeIds.push(res.body.id);
    }
    await eventually(async () => expect((await search('q=rebuild&type=place')).items).toHaveLength(3));
  }, 120_000);
  afterAll(async () => t?.stop());

  it('exports places only to a service identity', async () => {
    const poi = t.host.runtime.rpc.client(PoiService);
    const refused = await poi.exportPlaces({ afterId: '', limit: 2 }, asCaller(rep)).catch((e: unknown) => ConnectError.from(e).code);
    expect(refused).toBe(Code.PermissionDenied);
    const service = asCaller(await t.host.runtime.serviceTokens('search'));
    const first = await poi.exportPlaces({ afterId: '', limit: 2 }, service);
    const second = await poi.exportPlaces({ afterId: first.nextAfterId, limit: 2 }, service);
    expect(first.places).toHaveLength(2);
    expect(second.nextAfterId).toBe('');
    expect([...first.places, ...second.places].map((p) => p.id).sort()).toEqual([...placeIds].sort());
  });

  it('rebuilds from the sources while the old index serves, then swaps; skipped sources and visits are carried over', async () => {
    // The merchant is exported by its service; the lead's service is not part of this host, so it is carried over.
    const made = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: {
        legalName: 'Carried Curry Pte Ltd',
        brandName: 'Carried Curry',
        category: 'restaurant',
        businessId: '201912345K',
        lat: 1.3,
        lng: 103.85,
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const lead = aLeadSnapshot({ name: 'Carried Laksa' });
    const visit = aVisitSnapshot({ targetName: 'Carried Visit' });
    await publish(t, 'leads.lead.created.v1', lead.id, lead);
    await publish(t, 'checkin.visit.checked-in.v1', visit.id, visit);
    await eventually(async () => expect((await search('q=carried')).items).toHaveLength(3));
    // Drift the serving index: a place no source knows of. The rebuild must drop it.
    const before = generation();
    const side = new SqliteSearchIndex(path.join(indexDir(), `index-${before}.sqlite`));
    await side.put([aDoc({ type: 'place', id: 'ghost', title: 'Rebuild Ghost', country: 'SG', ownerId: null })]);
    await side.close();
    expect((await search('q=rebuild&type=place')).items).toHaveLength(4);

    const started = await t.api('POST', '/api/v1/search/rebuild', { token: admin });
    expect(started.status).toBe(202);
    // The old index answers meanwhile.
    expect((await search('q=carried')).items.length).toBe(3);
    await eventually(async () => {
      const status = await t.api('GET', '/api/v1/search/status', { token: admin });
      expect(status.body.rebuild).toBeNull();
      expect(generation()).not.toBe(before);
    });
    expect((await search('q=rebuild&type=place')).items.map((i: { id: string }) => i.id).sort()).toEqual([...placeIds].sort());
    expect((await search('q=carried')).items.map((i: { type: string }) => i.type).sort()).toEqual(['lead', 'merchant', 'visit']);
    expect(fs.existsSync(path.join(indexDir(), `index-${before}.sqlite`))).toBe(false);
    // Events keep flowing into the new index.
    const later = aMerchantSnapshot({ brandName: 'After Swap Satay' });
    await publish(t, 'merchant.merchant.created.v1', later.id, later);
    await eventually(async () => expect((await search('q=after%20swap')).items).toHaveLength(1));
  });

  it('only admins may start a rebuild', async () => {
    expect((await t.api('POST', '/api/v1/search/rebuild', { token: rep })).status).toBe(403);
  });
});
