import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, expectProblem, ifMatch, outboxOf, startMerchantHost, userId } from './merchant-fixtures';

const engines = await databaseEngines();

describe.each(engines)('merchant profiles on $name', (database) => {
  let t: TestHost;
  let rep: string;
  beforeAll(async () => {
    t = await startMerchantHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('a rep creates a merchant they own, in onboarding, with phones in E.164 and a created event', async () => {
    const res = await t.api('POST', '/api/v1/merchants', { token: rep, body: aMerchant({ businessId: ' 201912345k ' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const me = await userId(t, 'rep1.sg@fieldops.test');
    expect(res.body).toMatchObject({
      status: 'onboarding',
      businessId: '201912345K',
      ownerId: me,
      country: 'SG',
      coords: 'WGS84',
      contacts: [{ name: 'Tan Ah Kow', role: 'owner', phone: '+6591234567' }],
      leadId: null,
      version: 1,
    });
    expect(res.body.orgUnitId).toEqual(expect.any(String));
    const events = await outboxOf(t, res.body.id);
    expect(events.map((e) => e.type)).toEqual(['merchant.merchant.created.v1']);
    expect((await t.api('GET', `/api/v1/merchants/${res.body.id}`, { token: rep })).body).toMatchObject({ id: res.body.id });
  });

  it('refuses an invalid business id or phone, naming each field', async () => {
    const bad = await t.api('POST', '/api/v1/merchants', {
      token: rep,
      body: aMerchant({ businessId: '!!', contacts: [{ name: 'A', role: 'owner', phone: '12' }] }),
    });
    expectProblem(bad, 400, '/body/businessId');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('/body/contacts/0/phone');
  });

  it('checks CN USCC and BR CNPJ check digits through the country policy', async () => {
    const cn = await t.login('rep1.cn@fieldops.test');
    const cnPlace = { lat: 31.23, lng: 121.47, contacts: [] };
    expectProblem(
      await t.api('POST', '/api/v1/merchants', { token: cn, body: aMerchant({ ...cnPlace, businessId: '91110000600037341K' }) }),
      400,
      '/body/businessId',
    );
    const ok = await t.api('POST', '/api/v1/merchants', { token: cn, body: aMerchant({ ...cnPlace, businessId: '91110000 600037341l' }) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.businessId).toBe('91110000600037341L');
    const br = await t.login('rep1.br@fieldops.test');
    const brPlace = { lat: -23.55, lng: -46.63, contacts: [] };
    expectProblem(
      await t.api('POST', '/api/v1/merchants', { token: br, body: aMerchant({ ...brPlace, businessId: '11222333000191' }) }),
      400,
      '/body/businessId',
    );
    const brOk = await t.api('POST', '/api/v1/merchants', { token: br, body: aMerchant({ ...brPlace, businessId: '11.222.333/0001-81' }) });
    expect(brOk.status, JSON.stringify(brOk.body)).toBe(201);
    expect(brOk.body.businessId).toBe('11222333000181');
  });

  it('PATCH needs the current ETag: a stale one answers 412', async () => {
    const created = await t.api('POST', '/api/v1/merchants', { token: rep, body: aMerchant() });
    const read = await t.api('GET', `/api/v1/merchants/${created.body.id}`, { token: rep });
    const changed = await t.api('PATCH', `/api/v1/merchants/${created.body.id}`, {
      token: rep,
      body: { tier: 'A', documents: [] },
      headers: ifMatch(read),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ tier: 'A', documents: [], version: 2 });
    expectProblem(
      await t.api('PATCH', `/api/v1/merchants/${created.body.id}`, { token: rep, body: { tier: 'C' }, headers: ifMatch(read) }),
      412,
    );
    expectProblem(
      await t.api('PATCH', `/api/v1/merchants/${created.body.id}`, { token: rep, body: { businessId: 'nope' } }),
      400,
      '/body/businessId',
    );
  });

  it('lists my merchants by page and filters by status and owner', async () => {
    const rep2 = await t.login('rep2.sg@fieldops.test');
    for (let i = 0; i < 3; i++) await t.api('POST', '/api/v1/merchants', { token: rep2, body: aMerchant() });
    const first = await t.api('GET', '/api/v1/merchants?limit=2', { token: rep2 });
    expect(first.body.items).toHaveLength(2);
    const second = await t.api('GET', `/api/v1/merchants?limit=2&cursor=${first.body.nextCursor}`, { token: rep2 });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    // A malformed cursor, or one of another list (time and id), is refused rather than read as the first page.
    const foreign = Buffer.from(JSON.stringify([1733300000000, 'x'])).toString('base64url');
    for (const cursor of ['garbage', foreign]) {
      expectProblem(await t.api('GET', `/api/v1/merchants?cursor=${cursor}`, { token: rep2 }), 400, '/query/cursor');
    }
    const me = await userId(t, 'rep2.sg@fieldops.test');
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const mine = await t.api('GET', `/api/v1/merchants?ownerId=${me}&status=onboarding`, { token: lead });
    expect(mine.body.items).toHaveLength(3);
    expect((await t.api('GET', '/api/v1/merchants?status=active', { token: rep2 })).body.items).toEqual([]);
  });

  it('speaks GCJ-02 to a client in China and stores WGS-84', async () => {
    const cn = await t.login('rep2.cn@fieldops.test');
    const res = await t.api('POST', '/api/v1/merchants', {
      token: cn,
      body: aMerchant({ lat: 31.23, lng: 121.47, contacts: [], businessId: '91110000600037341L' }),
    });
    expect(res.body).toMatchObject({ coords: 'GCJ02', lat: 31.23, lng: 121.47 });
    const wgs = await t.api('GET', `/api/v1/merchants/${res.body.id}?coords=WGS84`, { token: cn });
    expect(Math.abs(wgs.body.lng - 121.47)).toBeGreaterThan(0.001);
  });
});
