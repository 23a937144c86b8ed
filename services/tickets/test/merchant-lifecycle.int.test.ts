import { COUNTRY_PACKS } from '@fieldops/countries';
import type { MerchantDb } from '@fieldops/merchant';
import { databaseEngines, eventually, serviceDb, type TestHost } from '@fieldops/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketsDb } from '../src/index';
import { outboxOf, startTicketsHost } from './tickets-fixtures';

/** Thailand, found through the registry: a pack's literals stay in its folder. */
const thailand = COUNTRY_PACKS.find((p) => p.identity.locale === 'th-TH')?.identity.code;

type Item = { id: string; type: string; title: string; createdBy: string; fields: Record<string, unknown> };

describe.each(await databaseEngines())('tickets the merchant life cycle opens on $name', (database) => {
  let t: TestHost;
  let manager: string;
  let merchantId: string;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const ticketsOf = async (id: string, token = manager): Promise<Item[]> =>
    (await t.api('GET', `/api/v1/tickets?merchantId=${id}&limit=50`, { token })).body.items;

  /** A lead of `rep`'s won and converted; answers the merchant once the lead names it. */
  async function converted(rep: string, lead: Record<string, unknown>, merchant: { legalName: string; businessId: string }) {
    const created = await t.api('POST', '/api/v1/leads', { token: rep, body: { category: 'restaurant', ...lead } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await t.api('POST', `/api/v1/leads/${created.body.id}/stage`, { token: rep, body: { to: 'won' } })).status).toBe(200);
    const convert = await t.api('POST', `/api/v1/leads/${created.body.id}/convert`, { token: rep, body: merchant });
    expect(convert.status, JSON.stringify(convert.body)).toBe(200);
    let id = '';
    await eventually(
      async () => {
        const res = await t.api('GET', `/api/v1/leads/${created.body.id}`, { token: rep });
        expect(res.body.merchantId).not.toBeNull();
        id = res.body.merchantId;
        // The demo seed's merchant events (eight countries) are still reaching the consumers ahead of this one.
      },
      { timeoutMs: 60_000 },
    );
    return id;
  }
  beforeAll(async () => {
    t = await startTicketsHost(database);
    manager = await as('countrymanager.sg');
  }, 120_000);
  afterAll(async () => t?.stop());

  it('once the host is at rest, every suspended demo merchant of a country with tickets has its follow-up', async () => {
    await t.settled();
    // Read at once, without waiting: at rest, what the merchant events open is all there.
    const merchants = serviceDb<MerchantDb>(t, 'merchant');
    const tickets = serviceDb<TicketsDb>(t, 'tickets');
    const suspended = await merchants
      .selectFrom('merchant')
      .select('id')
      .where('status', '=', 'suspended')
      .where('country', '=', 'SG')
      .execute();
    const followUps = await tickets
      .selectFrom('ticket')
      .select('merchant_id')
      .where('type', '=', 'merchant-follow-up')
      .where('country', '=', 'SG')
      .execute();
    expect(suspended.length).toBeGreaterThan(0);
    expect(followUps.map((f) => f.merchant_id).sort()).toEqual(suspended.map((m) => m.id).sort());
  }, 120_000);

  it('a lead converted into a merchant opens the country’s onboarding tasks, once', async () => {
    const rep = await as('rep3.sg');
    merchantId = await converted(
      rep,
      { name: 'Onboarding Satay House', address: '8 Bukit Timah Road', phone: '+65 9777 0101', lat: 1.3145, lng: 103.8454 },
      { legalName: 'Onboarding Satay House Pte Ltd', businessId: '201912345K' },
    );
    await eventually(async () => expect(await ticketsOf(merchantId)).toHaveLength(3), { timeoutMs: 60_000 });
    const tickets = await ticketsOf(merchantId);
    expect(tickets.every((i) => i.type === 'onboarding-task' && i.createdBy === 'service:tickets')).toBe(true);
    expect(tickets.map((i) => i.fields.task).sort()).toEqual(['menu-photos', 'signage', 'staff-training']);
    expect((await outboxOf(t, tickets[0]?.id ?? '')).map((e) => e.type)).toContain('tickets.ticket.opened.v1');
  }, 150_000);

  it('a country pack added after the first four opens its own onboarding tasks: Thailand’s include PromptPay', async () => {
    const rep = await as('rep3.th');
    const id = await converted(
      rep,
      { name: 'ร้านข้าวมันไก่ทดสอบ', address: '99 ถนนสุขุมวิท', phone: '081 234 5678', lat: 13.7563, lng: 100.5018 },
      { legalName: 'บริษัท ข้าวมันไก่ทดสอบ จำกัด', businessId: '0107544000108' },
    );
    const countryManager = await as('countrymanager.th');
    await eventually(async () => expect(await ticketsOf(id, countryManager)).toHaveLength(4), { timeoutMs: 60_000 });
    const tickets = await ticketsOf(id, countryManager);
    expect(tickets.every((i) => i.type === 'onboarding-task' && i.createdBy === 'service:tickets')).toBe(true);
    expect(tickets.map((i) => i.title)).toContain('Set up PromptPay and the Thai QR payment');
    const types = await t.api('GET', '/api/v1/tickets/types', { token: countryManager });
    expect(types.body.country).toBe(thailand);
    expect(types.body.items.find((i: { type: string }) => i.type === 'complaint')).toMatchObject({
      labels: { en: 'Merchant complaint', th: 'ข้อร้องเรียนของร้านค้า' },
      fields: { properties: { channel: { enum: ['line', 'phone', 'email', 'portal'] } } },
    });
  }, 150_000);

  it('a merchant suspended opens a follow-up with the reason', async () => {
    const rep = await as('rep3.sg');
    const merchants = t.host.service('merchant')?.db;
    if (!merchants) throw new Error('the merchant service is not running');
    // The onboarding documents a merchant needs to go active, as the merchant service's own tests arrange them.
    const files = ['acra_bizfile', 'owner_identity_document', 'bank_statement', 'storefront_photo'].map((kind, i) => [
      kind,
      `0190b4c4-0000-7000-8000-00000000d0c${i}`,
    ]);
    await sql`update merchant set documents = ${JSON.stringify(files.map(([, id]) => id))}, onboarding_documents = ${JSON.stringify(Object.fromEntries(files))} where id = ${merchantId}`.execute(
      merchants,
    );
    const move = (to: string) =>
      t.api('POST', `/api/v1/merchants/${merchantId}/transitions`, { token: rep, body: { to, reason: 'Chargebacks above the limit' } });
    expect((await move('active')).status).toBe(200);
    expect((await move('suspended')).status).toBe(200);
    await eventually(async () => expect((await ticketsOf(merchantId)).filter((i) => i.type === 'merchant-follow-up')).toHaveLength(1));
    const [followUp] = (await ticketsOf(merchantId)).filter((i) => i.type === 'merchant-follow-up');
    expect(followUp).toMatchObject({
      title: 'Follow up the suspended merchant',
      fields: { trigger: 'suspended', reason: 'Chargebacks above the limit' },
    });
  });
});
