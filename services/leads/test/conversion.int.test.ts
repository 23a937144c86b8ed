import { buildEnvelope } from '@fieldops/platform';
import { databaseEngines, eventually, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, expectProblem, outboxOf, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the conversion saga, leads side, on $name', (database) => {
  let t: TestHost;
  let rep: string;
  const wonLead = async () => {
    const lead = (await t.api('POST', '/api/v1/leads', { token: rep, body: aLead({ phone: '+65 9000 1111' }) })).body;
    expect((await t.api('POST', `/api/v1/leads/${lead.id}/stage`, { token: rep, body: { to: 'won' } })).status).toBe(200);
    return lead as { id: string; ownerId: string; lat: number; lng: number };
  };
  const convert = (id: string) =>
    t.api('POST', `/api/v1/leads/${id}/convert`, { token: rep, body: { legalName: 'Zebra Pte Ltd', businessId: '201912345K' } });
  const publish = (type: string, subject: string, data: unknown) =>
    t.host.runtime.bus.publish([buildEnvelope('merchant', { type, subject, data }, Date.now())]);
  const leadOf = async (id: string) => (await t.api('GET', `/api/v1/leads/${id}`, { token: rep })).body;

  beforeAll(async () => {
    t = await startLeadsHost(database, new MovableClock(Date.now()));
    rep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('only a won lead converts', async () => {
    const lead = (await t.api('POST', '/api/v1/leads', { token: rep, body: aLead() })).body;
    expectProblem(await convert(lead.id), 409);
  });

  it('converting a won lead requests the merchant by event; the merchant’s created event marks it converted', async () => {
    const lead = await wonLead();
    const requested = await convert(lead.id);
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    expect(requested.body).toMatchObject({ stage: 'won', conversionStatus: 'requested' });
    const event = (await outboxOf(t, lead.id)).find((e) => e.type === 'leads.lead.conversion-requested.v1');
    expect(event?.data).toMatchObject({
      leadId: lead.id,
      country: 'SG',
      merchant: { legalName: 'Zebra Pte Ltd', businessId: '201912345K', phone: '+6590001111', ownerId: lead.ownerId, placeId: null },
    });
    expectProblem(await convert(lead.id), 409);
    const merchantId = '01900000-0000-7000-8000-0000000000aa';
    await publish('merchant.merchant.created.v1', merchantId, {
      id: merchantId,
      legalName: 'Zebra Pte Ltd',
      brandName: 'Zebra',
      category: 'grocery',
      tier: 'C',
      contacts: [],
      address: '',
      placeId: null,
      country: 'SG',
      lat: lead.lat,
      lng: lead.lng,
      areaId: null,
      ownerId: lead.ownerId,
      orgUnitId: null,
      agencyId: null,
      businessId: '201912345K',
      documents: [],
      leadId: lead.id,
      status: 'onboarding',
      version: 1,
    });
    await eventually(async () =>
      expect(await leadOf(lead.id)).toMatchObject({ stage: 'converted', conversionStatus: 'converted', merchantId }),
    );
    expect((await outboxOf(t, lead.id)).map((e) => e.type)).toContain('leads.lead.converted.v1');
  });

  it('a rejection reverts the conversion with the reasons, and the lead can be converted again', async () => {
    const lead = await wonLead();
    expect((await convert(lead.id)).status).toBe(200);
    await publish('merchant.conversion.rejected.v1', lead.id, { leadId: lead.id, reasons: ['businessId: bad check digit'] });
    await eventually(async () =>
      expect(await leadOf(lead.id)).toMatchObject({
        stage: 'won',
        conversionStatus: 'rejected',
        conversionReason: 'businessId: bad check digit',
      }),
    );
    expect((await convert(lead.id)).status).toBe(200);
  });
});
