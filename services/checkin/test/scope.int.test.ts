import { accountService } from '@fieldops/account';
import { fileService } from '@fieldops/file';
import { merchantService } from '@fieldops/merchant';
import { placeGeneratorService } from '@fieldops/poi';
import { databaseEngines, startTestHost, type TestHost } from '@fieldops/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinService } from '../src/index';
import { aCheckIn, aCheckOut, aMerchantAt, checkinDb, expectProblem } from './checkin-fixtures';

/**
 * What a visit may refer to. Linking a file to a visit makes it readable to whoever may read the visit, so a rep
 * attaches only files they may read themselves; a visit at a place merged away is made at the place that stays.
 */
const engines = await databaseEngines();
const SHOP = { lat: 1.2903, lng: 103.8519 };

describe.each(engines)('the references of a visit on $name', (database) => {
  let t: TestHost;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  let seed = 0;
  const upload = async (token: string): Promise<string> => {
    const form = new FormData();
    form.append('purpose', 'visit-photo');
    // Different bytes each time: the same bytes twice would be a reused-photo signal.
    seed++;
    const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: seed % 256, g: 40, b: 90 } } })
      .png()
      .toBuffer();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'visit.png');
    const res = await fetch(`${t.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    return body.id;
  };
  const canRead = async (token: string, fileId: string) => (await t.api('GET', `/api/v1/files/${fileId}`, { token })).status;

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, fileService, placeGeneratorService(0, { seed: 1 }), merchantService, checkinService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
  });
  afterAll(async () => t?.stop());

  it("a rep cannot attach another team's or another country's photo to a check-in: 422 naming it, nothing linked", async () => {
    const rep1 = await as('rep1.sg');
    const otherTeam = await upload(await as('rep6.sg'));
    const otherCountry = await upload(await as('rep1.br'));
    const own = await upload(rep1);
    const body = aCheckIn(await aMerchantAt(t, rep1, SHOP), SHOP, { photoIds: [own, otherTeam, otherCountry] });
    expectProblem(await t.api('POST', '/api/v1/visits', { token: rep1, body }), 422, '/body/photoIds/1', '/body/photoIds/2');
    expect(await checkinDb(t).selectFrom('visit').select('id').where('id', '=', body.id).execute()).toEqual([]);
    // Neither the rep nor their team lead gained a read of it.
    expect(await canRead(rep1, otherTeam)).toBe(404);
    expect(await canRead(await as('teamlead1.sg'), otherTeam)).toBe(404);
  });

  it("a rep cannot attach another rep's photo at check-out, applied or held", async () => {
    const rep2 = await as('rep2.sg');
    const foreign = await upload(await as('rep11.sg'));
    const body = aCheckIn(await aMerchantAt(t, rep2, SHOP), SHOP);
    expect((await t.api('POST', '/api/v1/visits', { token: rep2, body })).status).toBe(201);
    const out = aCheckOut(new Date().toISOString(), { photoIds: [foreign] });
    expectProblem(await t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep2, body: out }), 422, '/body/photoIds/0');

    // A check-out that arrives before its check-in is checked before it is held.
    const early = aCheckIn(await aMerchantAt(t, rep2, SHOP), SHOP);
    expectProblem(await t.api('POST', `/api/v1/visits/${early.id}/check-out`, { token: rep2, body: out }), 422, '/body/photoIds/0');
    expect(await checkinDb(t).selectFrom('pending_check_out').select('visit_id').where('visit_id', '=', early.id).execute()).toEqual([]);
    expect(await canRead(await as('teamlead1.sg'), foreign)).toBe(404);
  });

  it("the rep's own photo is attached", async () => {
    const rep3 = await as('rep3.sg');
    const own = await upload(rep3);
    const body = aCheckIn(await aMerchantAt(t, rep3, SHOP), SHOP, { photoIds: [own] });
    const res = await t.api('POST', '/api/v1/visits', { token: rep3, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.photoIds).toEqual([own]);
  });

  it('a check-in at a merged place is made at the place it was merged into', async () => {
    const rep4 = await as('rep4.sg');
    const place = async (name: string) => {
      const res = await t.api('POST', '/api/v1/places', {
        token: rep4,
        body: { name, address: '1 Bras Basah Road', category: 'cafe', ...SHOP },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const winner = await place('Ya Kun Kaya Toast (Bras Basah)');
    const loser = await place('Ya Kun Bras Basah');
    const merged = await t.api('POST', `/api/v1/places/${winner}/merge`, { token: rep4, body: { loserId: loser } });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const res = await t.api('POST', '/api/v1/visits', { token: rep4, body: aCheckIn(loser, SHOP, { targetType: 'place' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ targetType: 'place', targetId: winner, targetName: 'Ya Kun Kaya Toast (Bras Basah)' });
  });

  it("a visit is in the rep's country: an admin who sees every country cannot check in at a BR merchant from SG", async () => {
    const SAO_PAULO = { lat: -23.5505, lng: -46.6333 };
    const brMerchant = await aMerchantAt(t, await as('rep1.br'), SAO_PAULO, { businessId: '11.222.333/0001-81' });
    const admin = await as('admin');
    const res = await t.api('POST', '/api/v1/visits', { token: admin, body: aCheckIn(brMerchant, SAO_PAULO) });
    expectProblem(res, 422, '/body/targetId');
    expect(res.body.errors[0].message).toBe('is in BR; you work in SG');
  });
});
