import type { VisitSnapshot } from '@fieldops/contracts';
import { buildEnvelope } from '@fieldops/platform';
import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPdf, aPhoto, expectProblem, startFileHost, upload } from './file-fixtures';

const engines = await databaseEngines();

/** A merchant body the merchant service takes, listing `documents`. */
const aMerchantWith = (documents: string[]) => ({
  legalName: `Kedai Dokumen ${Math.random()}`,
  category: 'cafe',
  lat: 1.2903,
  lng: 103.8519,
  businessId: '201912345K',
  contacts: [],
  documents,
});

describe.each(engines)('who may read a file on $name', (database) => {
  let t: TestHost;
  const tokens: Record<string, string> = {};
  const as = (who: string) => tokens[who] ?? '';
  const canRead = async (who: string, id: string) => (await t.api('GET', `/api/v1/files/${id}`, { token: as(who) })).status;
  beforeAll(async () => {
    t = await startFileHost(database);
    // rep1–5 are teamlead1's team, rep6–10 teamlead2's, rep11–15 teamlead3's.
    for (const who of ['rep1', 'rep6', 'rep11', 'teamlead1', 'teamlead2', 'teamlead3', 'countrymanager', 'agencyrep1']) {
      tokens[who] = await t.login(`${who}.sg@fieldops.test`);
    }
  });
  afterAll(async () => t?.stop());

  it("a rep of another team gets 404 on a file; the uploader's team lead reads it", async () => {
    const file = await upload(t, as('rep1'), await aPhoto(), { purpose: 'visit-photo' });
    expect(await canRead('rep1', file.body.id)).toBe(200);
    expect(await canRead('teamlead1', file.body.id)).toBe(200);
    expect(await canRead('countrymanager', file.body.id)).toBe(200);
    expectProblem(await t.api('GET', `/api/v1/files/${file.body.id}`, { token: as('rep6') }), 404);
    expectProblem(await t.api('GET', `/api/v1/files/${file.body.id}/thumbnail`, { token: as('rep6') }), 404);
    expect(await canRead('teamlead2', file.body.id)).toBe(404);
    expect(await canRead('agencyrep1', file.body.id)).toBe(404);
    const listed = await t.api('GET', '/api/v1/files?limit=200', { token: as('rep6') });
    expect(listed.body.items.map((f: { id: string }) => f.id)).not.toContain(file.body.id);
  });

  it("a rep cannot list another team's file as a document: linking would grant their team lead a read", async () => {
    const document = await upload(t, as('rep6'), aPdf(), { purpose: 'merchant-document' });
    const merchant = await t.api('POST', '/api/v1/merchants', { token: as('rep1'), body: aMerchantWith([document.body.id]) });
    expectProblem(merchant, 422);
    expect(merchant.body.errors).toEqual([{ field: '/body/documents/0', message: 'is not a file you can read' }]);
    expect(await canRead('teamlead1', document.body.id)).toBe(404);
  });

  it("after rep A's merchant lists a file as a document, rep A's team lead can read it; an owner transfer moves that", async () => {
    const document = await upload(t, as('rep6'), aPdf(), { purpose: 'merchant-document' });
    expect(await canRead('teamlead1', document.body.id)).toBe(404);
    // The country manager may read rep 6's file, and gives the merchant to rep 1.
    const rep1 = (await t.api('GET', '/api/v1/me', { token: as('rep1') })).body.user.id;
    const merchant = await t.api('POST', '/api/v1/merchants', {
      token: as('countrymanager'),
      body: { ...aMerchantWith([document.body.id]), ownerId: rep1 },
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    await eventually(async () => expect(await canRead('teamlead1', document.body.id)).toBe(200));
    expect(await canRead('rep1', document.body.id)).toBe(200);
    expect(await canRead('teamlead3', document.body.id)).toBe(404);
    const listed = await t.api('GET', '/api/v1/files?limit=200', { token: as('teamlead1') });
    expect(listed.body.items.map((f: { id: string }) => f.id)).toContain(document.body.id);

    const rep11 = (await t.api('GET', '/api/v1/me', { token: as('rep11') })).body.user.id;
    const moved = await t.api('POST', `/api/v1/merchants/${merchant.body.id}/transfer`, {
      token: as('countrymanager'),
      body: { ownerId: rep11, reason: 'territory change' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await eventually(async () => expect(await canRead('teamlead3', document.body.id)).toBe(200));
    expect(await canRead('teamlead1', document.body.id)).toBe(404);
    // The uploader's own team still reads it.
    expect(await canRead('teamlead2', document.body.id)).toBe(200);
  });

  it('a document dropped from the merchant is no longer readable through it', async () => {
    const document = await upload(t, as('rep6'), aPdf(), { purpose: 'merchant-document' });
    const rep1 = (await t.api('GET', '/api/v1/me', { token: as('rep1') })).body.user.id;
    const merchant = await t.api('POST', '/api/v1/merchants', {
      token: as('countrymanager'),
      body: { ...aMerchantWith([document.body.id]), ownerId: rep1 },
    });
    await eventually(async () => expect(await canRead('teamlead1', document.body.id)).toBe(200));
    const changed = await t.api('PATCH', `/api/v1/merchants/${merchant.body.id}`, {
      token: as('rep1'),
      body: { documents: [] },
      headers: { 'if-match': merchant.headers.get('etag') ?? '' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await eventually(async () => expect(await canRead('teamlead1', document.body.id)).toBe(404));
  });

  it("a visit's photos are readable by whoever may read the visit, and a late older event changes nothing", async () => {
    const photo = await upload(t, as('rep6'), await aPhoto(), { purpose: 'visit-photo' });
    const me = (await t.api('GET', '/api/v1/me', { token: as('rep1') })).body.user;
    const visit = (version: number, photoIds: string[]): VisitSnapshot => ({
      id: '0190b4c4-0000-7000-8000-00000000f11e',
      repId: me.id,
      orgUnitId: me.orgUnitId,
      agencyId: null,
      country: 'SG',
      targetType: 'merchant',
      targetId: '0190b4c4-0000-7000-8000-000000000001',
      targetName: 'Kopitiam',
      areaId: null,
      lat: 1.29,
      lng: 103.85,
      accuracyM: 10,
      distanceM: 5,
      checkedInAt: '2026-11-20T01:15:30.000Z',
      receivedAt: '2026-11-20T01:15:31.000Z',
      checkedOutAt: null,
      dwellSeconds: null,
      outcome: null,
      notes: '',
      followUpAt: null,
      photoIds,
      riskScore: 0,
      riskSignals: [],
      verification: 'open',
      version,
    });
    const publish = (type: string, data: VisitSnapshot) =>
      t.host.runtime.bus.publish([buildEnvelope('checkin', { type, subject: data.id, data, country: 'SG' }, Date.now())]);
    await publish('checkin.visit.checked-out.v1', visit(2, [photo.body.id]));
    await eventually(async () => expect(await canRead('teamlead1', photo.body.id)).toBe(200));
    await publish('checkin.visit.checked-in.v1', visit(1, []));
    await publish('checkin.visit.checked-in.v1', { ...visit(3, [photo.body.id]), notes: 'newest' });
    expect(await canRead('teamlead1', photo.body.id)).toBe(200);
  });
});
