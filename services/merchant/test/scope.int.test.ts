import { accountService } from '@fieldops/account';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import { fileService } from '@fieldops/file';
import { placeGeneratorService } from '@fieldops/poi';
import { databaseEngines, eventually, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantService } from '../src/index';
import { aMerchant, expectProblem, ifMatch, merchantDb, userId } from './merchant-fixtures';

/**
 * What a merchant may refer to, checked through the services that own it with the caller's token: listing a file
 * makes it readable to whoever may read the merchant, so only files the caller may read are taken; a place must be
 * one the caller may see, in the merchant's country; a store already a merchant is not added twice.
 */
const engines = await databaseEngines();
const NIL = '00000000-0000-0000-0000-000000000000';
const PEOPLES_SQUARE = { lat: 31.23136, lng: 121.47004 };
const RAFFLES_PLACE = { lat: 1.2841, lng: 103.8515 };

describe.each(engines)('the references of a merchant on $name', (database) => {
  let t: TestHost;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const upload = async (token: string): Promise<string> => {
    const form = new FormData();
    form.append('purpose', 'merchant-document');
    form.append('file', new Blob([`%PDF-1.4\n% ${Math.random()}\n%%EOF\n`], { type: 'application/pdf' }), 'bizfile.pdf');
    const res = await fetch(`${t.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    return body.id;
  };
  const aPlace = async (token: string, point: { lat: number; lng: number }, name = `Hawker ${Math.random()}`) => {
    const res = await t.api('POST', '/api/v1/places', {
      token,
      body: { name, address: '1 Market Street', category: 'restaurant', ...point },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const canRead = async (token: string, fileId: string) => (await t.api('GET', `/api/v1/files/${fileId}`, { token })).status;

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, fileService, placeGeneratorService(0, { seed: 1 }), merchantService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
    await eventually(async () => expect(await pendingDemoCountries(merchantDb(t))).toEqual([]), { timeoutMs: 50_000 });
  });
  afterAll(async () => t?.stop());

  it("a rep cannot list another team's or another country's file as a document: 422 naming it, nothing granted", async () => {
    const rep1 = await as('rep1.sg');
    const otherTeam = await upload(await as('rep6.sg'));
    const otherCountry = await upload(await as('rep1.br'));
    const own = await upload(rep1);
    const res = await t.api('POST', '/api/v1/merchants', { token: rep1, body: aMerchant({ documents: [own, otherTeam, otherCountry] }) });
    expectProblem(res, 422, '/body/documents/1');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/documents/1', '/body/documents/2']);
    expect(await canRead(rep1, otherTeam)).toBe(404);
    expect(await canRead(await as('teamlead1.sg'), otherTeam)).toBe(404);
  });

  it('a PATCH may keep the documents listed, not add one the caller may not read', async () => {
    const rep2 = await as('rep2.sg');
    const own = await upload(rep2);
    const created = await t.api('POST', '/api/v1/merchants', { token: rep2, body: aMerchant({ documents: [own] }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const foreign = await upload(await as('rep11.sg'));
    const id = created.body.id as string;
    expectProblem(
      await t.api('PATCH', `/api/v1/merchants/${id}`, { token: rep2, body: { documents: [own, foreign] }, headers: ifMatch(created) }),
      422,
      '/body/documents/1',
    );
    const kept = await t.api('PATCH', `/api/v1/merchants/${id}`, {
      token: rep2,
      body: { documents: [own], tier: 'A' },
      headers: ifMatch(created),
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(await canRead(await as('teamlead1.sg'), foreign)).toBe(404);
  });

  it('an SG merchant refuses a CN place, a place the caller cannot see and the nil UUID, naming placeId', async () => {
    const rep3 = await as('rep3.sg');
    const cnPlace = await aPlace(await as('rep1.cn'), PEOPLES_SQUARE);
    expectProblem(await t.api('POST', '/api/v1/merchants', { token: rep3, body: aMerchant({ placeId: cnPlace }) }), 422, '/body/placeId');
    expectProblem(await t.api('POST', '/api/v1/merchants', { token: rep3, body: aMerchant({ placeId: NIL }) }), 422, '/body/placeId');
    // An admin sees every country's places: the place is still in another country than the merchant.
    const admin = await as('admin');
    const sgOwner = await userId(t, 'rep3.sg@fieldops.test');
    const byAdmin = await t.api('POST', '/api/v1/merchants', {
      token: admin,
      body: aMerchant({ country: 'SG', ownerId: sgOwner, placeId: cnPlace }),
    });
    expectProblem(byAdmin, 422, '/body/placeId');
    expect(byAdmin.body.errors[0].message).toContain('CN');
    const sgPlace = await aPlace(rep3, RAFFLES_PLACE);
    const ok = await t.api('POST', '/api/v1/merchants', { token: rep3, body: aMerchant({ ...RAFFLES_PLACE, placeId: sgPlace }) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.placeId).toBe(sgPlace);
  });

  it('an SG merchant cannot be given an owner in another country', async () => {
    const brRep = await userId(t, 'rep1.br@fieldops.test');
    const res = await t.api('POST', '/api/v1/merchants', { token: await as('admin'), body: aMerchant({ country: 'SG', ownerId: brRep }) });
    expectProblem(res, 422, '/body/ownerId');
  });

  it('the same store twice is a 409 naming the existing merchant to whoever may see it, and only that it exists otherwise', async () => {
    const rep4 = await as('rep4.sg');
    const store = aMerchant({
      legalName: 'Twice Kopitiam Pte Ltd',
      brandName: 'Twice Kopitiam',
      businessId: '201811111K',
      lat: 1.301,
      lng: 103.84,
    });
    const first = await t.api('POST', '/api/v1/merchants', { token: rep4, body: store });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await t.api('POST', '/api/v1/merchants', { token: rep4, body: { ...store, brandName: 'TWICE kopitiam' } });
    expectProblem(again, 409, '/body/businessId');
    expect(again.body).toMatchObject({ code: 'duplicate', merchantId: first.body.id });
    const stranger = await t.api('POST', '/api/v1/merchants', { token: await as('rep12.sg'), body: store });
    expectProblem(stranger, 409, '/body/businessId');
    expect(stranger.body.merchantId).toBeUndefined();
    expect(JSON.stringify(stranger.body)).not.toContain(first.body.id);
    // Another outlet of the same company, elsewhere, is another merchant.
    const outlet = await t.api('POST', '/api/v1/merchants', { token: rep4, body: { ...store, lat: 1.35, lng: 103.87 } });
    expect(outlet.status, JSON.stringify(outlet.body)).toBe(201);
    // Nor can a PATCH turn one into the other.
    expectProblem(
      await t.api('PATCH', `/api/v1/merchants/${outlet.body.id}`, {
        token: rep4,
        body: { lat: 1.301, lng: 103.84 },
        headers: ifMatch(outlet),
      }),
      409,
      '/body/businessId',
    );
  });

  it("onboarding documents are files the caller may read, listed as documents, of the country's kinds; then it goes active", async () => {
    const rep5 = await as('rep5.sg');
    const kinds = ['acra_bizfile', 'owner_identity_document', 'bank_statement', 'storefront_photo'];
    const files = await Promise.all(kinds.map(() => upload(rep5)));
    const onboarding = Object.fromEntries(kinds.map((kind, i) => [kind, files[i]]));
    const unknownKind = await t.api('POST', '/api/v1/merchants', {
      token: rep5,
      body: aMerchant({ documents: files, onboardingDocuments: { ...onboarding, cartao_cnpj: files[0] } }),
    });
    expectProblem(unknownKind, 400, '/body/onboardingDocuments/cartao_cnpj');
    const unlisted = await t.api('POST', '/api/v1/merchants', {
      token: rep5,
      body: aMerchant({ documents: files.slice(1), onboardingDocuments: onboarding }),
    });
    expectProblem(unlisted, 400, '/body/onboardingDocuments/acra_bizfile');
    const created = await t.api('POST', '/api/v1/merchants', { token: rep5, body: aMerchant({ documents: files.slice(1) }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const early = await t.api('POST', `/api/v1/merchants/${id}/transitions`, { token: rep5, body: { to: 'active' } });
    expectProblem(early, 422, '/onboardingDocuments/acra_bizfile');
    const patched = await t.api('PATCH', `/api/v1/merchants/${id}`, {
      token: rep5,
      body: { documents: files, onboardingDocuments: onboarding },
      headers: ifMatch(created),
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.onboardingDocuments).toEqual(onboarding);
    const active = await t.api('POST', `/api/v1/merchants/${id}/transitions`, { token: rep5, body: { to: 'active' } });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
  });
});
