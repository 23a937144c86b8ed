import type { LeadConversionRequested } from '@fieldops/contracts';
import { buildEnvelope } from '@fieldops/platform';
import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantDb, outboxOf, startMerchantHost, userId } from './merchant-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the conversion saga, merchant side, on $name', (database) => {
  let t: TestHost;
  let owner: string;
  const request = (leadId: string, businessId: string): LeadConversionRequested => ({
    leadId,
    requestedBy: owner,
    country: 'SG',
    merchant: {
      legalName: 'Lau Pa Sat Pte Ltd',
      brandName: 'Lau Pa Sat',
      category: 'restaurant',
      businessId,
      phone: '+6591234567',
      contactName: 'Mdm Lim',
      address: '18 Raffles Quay',
      lat: 1.2806,
      lng: 103.8504,
      placeId: null,
      ownerId: owner,
    },
  });
  const publish = async (data: LeadConversionRequested, times = 1) => {
    const envelope = buildEnvelope(
      'leads',
      { type: 'leads.lead.conversion-requested.v1', subject: data.leadId, data, country: 'SG', actor: owner },
      Date.now(),
    );
    for (let i = 0; i < times; i++) await t.host.runtime.bus.publish([envelope]);
  };
  beforeAll(async () => {
    t = await startMerchantHost(database);
    owner = await userId(t, 'rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('two deliveries of a conversion request make exactly one merchant, created with its leadId', async () => {
    const leadId = uuidv7();
    await publish(request(leadId, '201912345K'), 2);
    await publish(request(leadId, '201912345K'));
    const merchants = await eventually(async () => {
      const rows = await merchantDb(t).selectFrom('merchant').selectAll().where('lead_id', '=', leadId).execute();
      expect(rows).toHaveLength(1);
      return rows;
    });
    const [merchant] = merchants;
    expect(merchant).toMatchObject({ owner_id: owner, status: 'onboarding', country: 'SG', business_id: '201912345K' });
    expect(merchant?.org_unit_id).toEqual(expect.any(String));
    await eventually(async () => {
      const inbox = await merchantDb(t).selectFrom('inbox').selectAll().where('consumer', '=', 'merchant.lead-conversion').execute();
      expect(inbox.length).toBeGreaterThanOrEqual(2);
    });
    const events = await outboxOf(t, merchant?.id ?? '');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'merchant.merchant.created.v1', data: { leadId, ownerId: owner } });
    const rep = await t.login('rep1.sg@fieldops.test');
    expect((await t.api('GET', `/api/v1/merchants/${merchant?.id}`, { token: rep })).body.leadId).toBe(leadId);
  });

  it('an invalid business id answers merchant.conversion.rejected.v1 with the reasons, and makes no merchant', async () => {
    const leadId = uuidv7();
    await publish(request(leadId, 'not-a-uen'));
    const rejected = await eventually(async () => {
      const events = await outboxOf(t, leadId);
      expect(events).toHaveLength(1);
      return events;
    });
    expect(rejected[0]).toMatchObject({
      type: 'merchant.conversion.rejected.v1',
      data: { leadId, reasons: [expect.stringContaining('/merchant/businessId')] },
    });
    expect(await merchantDb(t).selectFrom('merchant').selectAll().where('lead_id', '=', leadId).execute()).toEqual([]);
  });
});
