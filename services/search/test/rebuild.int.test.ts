import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Code, ConnectError } from '@connectrpc/connect';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { PoiService } from '@fieldops/contracts';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { asCaller } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { eventually, hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import { searchService } from '../src/index';
import { aDoc } from './search-fixtures';
import { aLeadSnapshot, aMerchantSnapshot, aVisitSnapshot, claimsOf, publish } from './search-host';

const engines = await hostEngines();
const silent = { start() {}, tick() {}, stop() {} };
const SHOP = { lat: 1.2903, lng: 103.8519 };
/** A check-in at the merchant's own spot and a check-out that satisfies Singapore's merchant template. */
const aCheckIn = (targetId: string, deviceTime: string) => ({
  id: randomUUID(),
  targetType: 'merchant',
  targetId,
  ...SHOP,
  accuracyM: 7.5,
  deviceTime,
  mockLocation: false,
  offline: true,
});
const aCheckOut = (deviceTime: string) => ({
  deviceTime,
  outcome: 'met-owner',
  notes: 'Terminal checked',
  answers: { terminalWorking: true, stockOfQrStands: 'good', transactionsToday: 14 },
});
type Found = { id: string; type: string; ownerName: string | null; lastVerifiedVisitAt: string | null };

describe.each(engines)('rebuilding the search index on $name', (engines) => {
  let t: TestHost;
  let admin: string;
  let rep: string;
  const placeIds: string[] = [];
  const search = async (query: string) => (await t.api('GET', `/api/v1/search?${query}`, { token: admin })).body;
  const find = async (q: string, type: string): Promise<Found[]> => (await search(`q=${q}&type=${type}`)).items;
  const indexDir = () => path.join(t.host.runtime.config.dataDir, 'search');
  const generation = () => fs.readFileSync(path.join(indexDir(), 'current'), 'utf8');

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, areaService, poiService, merchantService, leadsService, checkinService, searchService],
      engines,
    });
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

  it('rebuilds every source from its export while the old index serves, drops what no source knows of, then swaps', async () => {
    // A merchant, a lead and a verified visit at the merchant, each made through its own service's API.
    const merchant = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: 'Exported Curry Pte Ltd', category: 'restaurant', businessId: '201912345K', ...SHOP },
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const lead = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: { name: 'Exported Laksa', address: '2 Orchard Road', category: 'grocery', phone: '+65 91234567', lat: 1.31, lng: 103.8 },
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const checkedInAt = new Date(Date.now() - 25 * 60_000).toISOString();
    const checkIn = aCheckIn(merchant.body.id, checkedInAt);
    expect((await t.api('POST', '/api/v1/visits', { token: rep, body: checkIn })).status).toBe(201);
    const out = await t.api('POST', `/api/v1/visits/${checkIn.id}/check-out`, { token: rep, body: aCheckOut(new Date().toISOString()) });
    expect(out.body.verification, JSON.stringify(out.body)).toBe('verified');
    await eventually(async () => {
      expect((await find('exported', 'lead')).map((i) => i.id)).toEqual([lead.body.id]);
      expect((await find('exported', 'visit')).map((i) => i.id)).toEqual([checkIn.id]);
      expect((await find('exported', 'merchant'))[0]?.lastVerifiedVisitAt).toBe(checkedInAt);
      // Search has heard of the rep from the account service (on a durable bus that may come after the records).
      expect((await find('exported', 'merchant'))[0]?.ownerName).toBe(claimsOf(rep).name);
    });

    // Drift the serving index: a place no source knows of (the rebuild must drop it), and documents that lost their
    // enrichment (the rebuild must make them again from the exports, not carry them over).
    const before = generation();
    const side = new SqliteSearchIndex(path.join(indexDir(), `index-${before}.sqlite`));
    await side.put([aDoc({ type: 'place', id: 'ghost', title: 'Rebuild Ghost', country: 'SG', ownerId: null })]);
    await side.patch('merchant', merchant.body.id, { ownerName: null, lastVerifiedVisitAt: null }, null);
    await side.patch('lead', lead.body.id, { ownerName: null }, null);
    await side.patch('visit', checkIn.id, { ownerName: null }, null);
    await side.close();
    expect((await search('q=rebuild&type=place')).items).toHaveLength(4);
    expect((await find('exported', 'merchant'))[0]?.ownerName).toBeNull();

    const started = await t.api('POST', '/api/v1/search/rebuild', { token: admin });
    expect(started.status).toBe(202);
    // The old index answers meanwhile.
    expect((await search('q=rebuild&type=place')).items.length).toBeGreaterThanOrEqual(3);
    await eventually(async () => {
      const status = await t.api('GET', '/api/v1/search/status', { token: admin });
      expect(status.body.rebuild).toBeNull();
      expect(generation()).not.toBe(before);
    });
    expect((await search('q=rebuild&type=place')).items.map((i: { id: string }) => i.id).sort()).toEqual([...placeIds].sort());
    const repName = claimsOf(rep).name;
    expect(await find('exported', 'merchant')).toEqual([
      expect.objectContaining({ id: merchant.body.id, ownerName: repName, lastVerifiedVisitAt: checkedInAt }),
    ]);
    expect(await find('exported', 'lead')).toEqual([expect.objectContaining({ id: lead.body.id, ownerName: repName })]);
    expect(await find('exported', 'visit')).toEqual([expect.objectContaining({ id: checkIn.id, ownerName: repName })]);
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

describe.each(engines)('rebuilding the search index without some source services on $name', (engines) => {
  let t: TestHost;
  let admin: string;
  const find = async (q: string): Promise<Found[]> => (await t.api('GET', `/api/v1/search?q=${q}`, { token: admin })).body.items;

  beforeAll(async () => {
    t = await startTestHost({ services: [accountService, areaService, poiService, searchService], engines });
    await t.host.service('account')?.seedDemo(silent);
    admin = await t.login('admin@fieldops.test');
  }, 120_000);
  afterAll(async () => t?.stop());

  it('skips a source whose service is not in the host and carries its documents over', async () => {
    const merchant = aMerchantSnapshot({ brandName: 'Carried Curry' });
    const lead = aLeadSnapshot({ name: 'Carried Laksa' });
    const visit = aVisitSnapshot({ targetName: 'Carried Visit' });
    await publish(t, 'merchant.merchant.created.v1', merchant.id, merchant);
    await publish(t, 'leads.lead.created.v1', lead.id, lead);
    await publish(t, 'checkin.visit.checked-in.v1', visit.id, visit);
    await eventually(async () => expect(await find('carried')).toHaveLength(3));
    const indexDir = path.join(t.host.runtime.config.dataDir, 'search');
    const before = fs.readFileSync(path.join(indexDir, 'current'), 'utf8');

    expect((await t.api('POST', '/api/v1/search/rebuild', { token: admin })).status).toBe(202);
    await eventually(async () => {
      expect((await t.api('GET', '/api/v1/search/status', { token: admin })).body.rebuild).toBeNull();
      expect(fs.readFileSync(path.join(indexDir, 'current'), 'utf8')).not.toBe(before);
    });
    expect((await find('carried')).map((i) => i.id).sort()).toEqual([merchant.id, lead.id, visit.id].sort());
  });
});
