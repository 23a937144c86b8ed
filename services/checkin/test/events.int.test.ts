import type { EventEnvelope } from '@fieldops/platform';
import { eventually, hostEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCheckIn, aCheckOut, aMerchantAt, north, startCheckinHost } from './checkin-fixtures';

const engines = await hostEngines();
const SHOP = { lat: 1.33, lng: 103.74 };

describe.each(engines)('visit events on the bus ($name)', (engines) => {
  let t: TestHost;
  const received: EventEnvelope[] = [];
  beforeAll(async () => {
    t = await startCheckinHost(engines);
    await t.host.runtime.bus.subscribe({
      consumer: 'test.visit-events',
      types: ['checkin.*'],
      handle: async (event) => {
        received.push(event);
      },
    });
  });
  afterAll(async () => t?.stop());

  it('a flagged visit publishes checked-in, checked-out and flagged, in order, with the whole visit', async () => {
    const rep = await t.login('rep11.sg@fieldops.test');
    const shop = await aMerchantAt(t, rep, SHOP);
    const body = aCheckIn(shop, north(SHOP, 700), { mockLocation: true });
    expect((await t.api('POST', '/api/v1/visits', { token: rep, body })).status).toBe(201);
    const out = await t.api('POST', `/api/v1/visits/${body.id}/check-out`, { token: rep, body: aCheckOut(new Date().toISOString()) });
    expect(out.body.verification).toBe('pending-review');
    await eventually(async () => {
      const mine = received.filter((e) => e.subject === body.id);
      expect(mine.map((e) => e.type)).toEqual(['checkin.visit.checked-in.v1', 'checkin.visit.checked-out.v1', 'checkin.visit.flagged.v1']);
    });
    const flagged = received.find((e) => e.subject === body.id && e.type === 'checkin.visit.flagged.v1');
    expect(flagged).toMatchObject({
      source: 'checkin',
      country: 'SG',
      data: { id: body.id, targetId: shop, verification: 'pending-review', riskScore: 110, version: 2 },
    });
  });
});
