import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxOf, startTicketsHost } from './tickets-fixtures';

type Item = { id: string; type: string; title: string; createdBy: string; fields: Record<string, unknown> };

describe.each(await databaseEngines())('tickets the merchant life cycle opens on $name', (database) => {
  let t: TestHost;
  let manager: string;
  let merchantId: string;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const ticketsOf = async (id: string): Promise<Item[]> =>
    (await t.api('GET', `/api/v1/tickets?merchantId=${id}&limit=50`, { token: manager })).body.items;
  beforeAll(async () => {
    t = await startTicketsHost(database);
    manager = await as('countrymanager.sg');
  }, 120_000);
  afterAll(async () => t?.stop());

  it('a lead converted into a merchant opens the country’s onboarding tasks, once', async () => {
    const rep = await as('rep3.sg');
    const lead = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: {
        name: 'Onboarding Satay House',
        address: '8 Bukit Timah Road',
        category: 'restaurant',
        phone: '+65 9777 0101',
        lat: 1.3145,
        lng: 103.8454,
      },
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    expect((await t.api('POST', `/api/v1/leads/${lead.body.id}/stage`, { token: rep, body: { to: 'won' } })).status).toBe(200);
    const convert = await t.api('POST', `/api/v1/leads/${lead.body.id}/convert`, {
      token: rep,
      body: { legalName: 'Onboarding Satay House Pte Ltd', businessId: '201912345K' },
    });
    expect(convert.status, JSON.stringify(convert.body)).toBe(200);
    await eventually(
      async () => {
        const res = await t.api('GET', `/api/v1/leads/${lead.body.id}`, { token: rep });
        expect(res.body.merchantId).not.toBeNull();
        merchantId = res.body.merchantId;
        // The demo seed's merchant events (eight countries) are still reaching the consumers ahead of this one.
      },
      { timeoutMs: 60_000 },
    );
    await eventually(async () => expect(await ticketsOf(merchantId)).toHaveLength(3), { timeoutMs: 60_000 });
    const tickets = await ticketsOf(merchantId);
    expect(tickets.every((i) => i.type === 'onboarding-task' && i.createdBy === 'service:tickets')).toBe(true);
    expect(tickets.map((i) => i.fields.task).sort()).toEqual(['menu-photos', 'signage', 'staff-training']);
    expect((await outboxOf(t, tickets[0]?.id ?? '')).map((e) => e.type)).toContain('tickets.ticket.opened.v1');
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
