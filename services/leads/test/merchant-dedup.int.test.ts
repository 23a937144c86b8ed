import { accountService } from '@fieldops/account';
import { merchantService } from '@fieldops/merchant';
import { databaseEngines, MovableClock, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeadsService } from '../src/index';
import { aLead, expectProblem } from './leads-fixtures';

const engines = await databaseEngines();
const HEADER = 'name,phone,address,category,lat,lng';

describe.each(engines)('capture checks merchants for duplicates on $name', (database) => {
  let t: TestHost;
  let merchant: { id: string; brandName: string; lat: number; lng: number };
  const as = (who: string) => t.login(`${who}@fieldops.test`);

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, createLeadsService({ protectionCheckMs: 60_000 }), merchantService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
      clock: new MovableClock(Date.now()),
    });
    // Made by a rep of one team; the reps capturing below are of another team and cannot see it.
    const created = await t.api('POST', '/api/v1/merchants', {
      token: await as('rep1.sg'),
      body: {
        legalName: 'Quokka Zither Emporium Pte Ltd',
        brandName: 'Quokka Zither Emporium',
        category: 'retail',
        tier: 'B',
        contacts: [
          { name: 'Tan Ah Kow', role: 'owner', phone: '9123 4567' },
          { name: 'Siti Rahmah', role: 'manager', phone: '9123 7654' },
        ],
        address: '8 Woodlands Square',
        lat: 1.4361,
        lng: 103.7865,
        businessId: '201912345K',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    merchant = created.body;
  });
  afterAll(async () => t?.stop());

  it('a strong match with a merchant the rep cannot see answers 409 without naming it; its owner is told which', async () => {
    const rep = await as('rep6.sg');
    expect((await t.api('GET', `/api/v1/merchants/${merchant.id}`, { token: rep })).status).toBe(404);
    const res = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: aLead({ name: 'Quokka Zither Emporium', phone: null, lat: 1.43612, lng: 103.7865 }),
    });
    expectProblem(res, 409);
    expect(res.body.candidates).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(merchant.id);
    const own = await t.api('POST', '/api/v1/leads', {
      token: await as('rep1.sg'),
      body: aLead({ name: 'Quokka Zither Emporium', phone: null, lat: 1.43612, lng: 103.7865 }),
    });
    expectProblem(own, 409);
    expect(own.body.candidates).toEqual([
      expect.objectContaining({
        type: 'merchant',
        id: merchant.id,
        name: 'Quokka Zither Emporium',
        reasons: expect.arrayContaining(['name']),
      }),
    ]);
  });

  it('a weak match (same phone, another name, nearby) creates the lead flagged with the merchant, named to who may read it', async () => {
    const res = await t.api('POST', '/api/v1/leads', {
      token: await as('rep7.sg'),
      body: aLead({ name: 'Completely Other Laundry', phone: '+65 9123 4567', lat: 1.4363, lng: 103.7866 }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The rep may not read the merchant: the flag is kept, shown to whoever may read both.
    expect(res.body.duplicateOf).toBeNull();
    const manager = await t.api('GET', `/api/v1/leads/${res.body.id}`, { token: await as('countrymanager.sg') });
    expect(manager.body.duplicateOf).toBe(merchant.id);
  });

  it('a lead candidate is named as such beside merchants', async () => {
    const rep = await as('rep8.sg');
    const first = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: aLead({ name: 'Wombat Kite Supplies', lat: 1.44, lng: 103.8 }),
    });
    expect(first.status).toBe(201);
    const twin = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: aLead({ name: 'Wombat Kite Supplies', lat: 1.44001, lng: 103.8 }),
    });
    expectProblem(twin, 409);
    expect(twin.body.candidates).toEqual([expect.objectContaining({ type: 'lead', id: first.body.id, pool: 'private' })]);
  });

  it('the CSV import rejects a row that is a merchant, and flags a weak match, naming the merchant only to who may read it', async () => {
    const csv = [
      HEADER,
      'Quokka Zither Emporium,,,retail,1.43611,103.78651',
      'Platypus Bicycle Repair,+65 9123 7654,,retail,1.4362,103.7864',
      'Echidna Noodle House,,,restaurant,1.38,103.75',
    ].join('\n');
    const res = await t.api('POST', '/api/v1/leads/import', {
      token: await as('rep9.sg'),
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 2, merged: 0, rejected: 1 });
    const [duplicate, weak, fresh] = res.body.rows;
    // rep 9 may not read the merchant: the rows say they matched one, not which.
    expect(duplicate).toEqual({ row: 1, status: 'rejected', reasons: ['duplicate of a record you cannot see'] });
    expect(weak).toMatchObject({ status: 'created', reasons: [expect.stringMatching(/^possible duplicate of merchant: phone/)] });
    expect(weak.duplicateOf).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(merchant.id);
    expect(fresh).toMatchObject({ status: 'created', reasons: [] });
  });
  it('the check before saving names only what the rep may read: who holds a lead, the merchant to its owner; the rest is counted', async () => {
    const holder = await as('rep10.sg');
    const lead = await t.api('POST', '/api/v1/leads', {
      token: holder,
      body: aLead({ name: 'Numbat Lantern Shop', lat: 1.45, lng: 103.81 }),
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const check = (token: string, query: string) => t.api('GET', `/api/v1/leads/duplicates?${query}`, { token });
    const here = 'name=Numbat%20Lantern%20Shop&lat=1.45001&lng=103.81';

    const own = await check(holder, here);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toMatchObject({ blocking: true, hidden: 0 });
    expect(own.body.items).toEqual([
      expect.objectContaining({
        type: 'lead',
        id: lead.body.id,
        strength: 'strong',
        pool: 'private',
        holder: 'me',
        lat: 1.45,
        lng: 103.81,
      }),
    ]);
    const manager = await check(await as('countrymanager.sg'), here);
    expect(manager.body.items).toEqual([expect.objectContaining({ id: lead.body.id, holder: 'other' })]);
    // Another rep may not read the lead: saving would be refused, and that is all they learn.
    const stranger = await check(await as('rep11.sg'), here);
    expect(stranger.body).toEqual({ items: [], hidden: 1, blocking: true });

    const merchantHere = `name=Quokka%20Zither%20Emporium&lat=1.43612&lng=103.7865`;
    const owner = await check(await as('rep1.sg'), merchantHere);
    expect(owner.body.items).toEqual([expect.objectContaining({ type: 'merchant', id: merchant.id })]);
    expect(owner.body.items[0].holder).toBeUndefined();
    const other = await check(await as('rep6.sg'), merchantHere);
    expect(other.body).toMatchObject({ items: [], blocking: true });
    expect(JSON.stringify(other.body)).not.toContain(merchant.id);

    expect((await check(holder, 'name=Numbat%20Lantern%20Shop&lat=1.47&lng=103.81')).body).toEqual({
      items: [],
      hidden: 0,
      blocking: false,
    });
    const nameless = await check(holder, 'lat=1.45&lng=103.81');
    expectProblem(nameless, 400);
    expect(nameless.body.errors).toEqual([expect.objectContaining({ field: '/query/name' })]);
    const badPhone = await check(holder, `${here}&phone=12`);
    expectProblem(badPhone, 400);
    expect(badPhone.body.errors).toEqual([expect.objectContaining({ field: '/query/phone' })]);
    // Nothing was written by a check.
    const mine = await t.api('GET', '/api/v1/leads?pool=mine&limit=200', { token: holder });
    expect(mine.body.items.filter((l: { name: string }) => l.name === 'Numbat Lantern Shop')).toHaveLength(1);
  });
});
