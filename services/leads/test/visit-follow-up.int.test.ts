import { accountService } from '@fieldops/account';
import type { VisitSnapshot } from '@fieldops/contracts';
import { buildEnvelope } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, startTestHost, type TestHost } from '@fieldops/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeadsService } from '../src/index';
import { aLead, DAY, leadsDb, outboxOf } from './leads-fixtures';

const engines = await hostEngines();

describe.each(engines)('a checked-out visit follows up its lead, on $name', (engine) => {
  let t: TestHost;
  let rep: string;
  let repId: string;
  const clock = new MovableClock(Date.now());

  const aVisit = (lead: { id: string; name: string; lat: number; lng: number }, overrides: Partial<VisitSnapshot> = {}): VisitSnapshot => {
    const at = new Date(clock.now()).toISOString();
    return {
      id: uuidv7(),
      repId,
      orgUnitId: null,
      agencyId: null,
      country: 'SG',
      targetType: 'lead',
      targetId: lead.id,
      targetName: lead.name,
      areaId: null,
      lat: lead.lat,
      lng: lead.lng,
      accuracyM: 8,
      distanceM: 12,
      checkedInAt: at,
      receivedAt: at,
      checkedOutAt: at,
      dwellSeconds: 900,
      outcome: 'interested',
      notes: 'Owner wants a demo of the terminal',
      followUpAt: new Date(clock.now() + 3 * DAY).toISOString(),
      photoIds: [],
      riskScore: 0.1,
      riskSignals: [],
      verification: 'verified',
      version: 2,
      ...overrides,
    };
  };
  /** Publishes a checked-out event (a new event id each time) and waits until the leads consumer has taken it. */
  const checkOut = async (visit: VisitSnapshot) => {
    const envelope = buildEnvelope('checkin', { type: 'checkin.visit.checked-out.v1', subject: visit.id, data: visit }, clock.now());
    await t.host.runtime.bus.publish([envelope]);
    await eventually(async () =>
      expect(
        await leadsDb(t)
          .selectFrom('inbox')
          .select('event_id')
          .where('consumer', '=', 'leads.visits')
          .where('event_id', '=', envelope.id)
          .execute(),
      ).toHaveLength(1),
    );
  };
  const leadOf = async (id: string) => (await t.api('GET', `/api/v1/leads/${id}`, { token: rep })).body;
  const followUpsOf = (id: string) => leadsDb(t).selectFrom('lead_follow_up').selectAll().where('lead_id', '=', id).execute();
  const newLead = async () => (await t.api('POST', '/api/v1/leads', { token: rep, body: aLead() })).body;

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, createLeadsService({ protectionCheckMs: 50 })],
      engines: engine,
      seedDemo: true,
      clock,
    });
    rep = await t.login('rep2.sg@fieldops.test');
    repId = (await t.api('GET', '/api/v1/me', { token: rep })).body.user.id;
  });
  afterAll(async () => t?.stop());

  it('records a visit follow-up with the notes and next date, extends protection and publishes followed-up', async () => {
    const lead = await newLead();
    clock.advance(5 * DAY);
    const visit = aVisit(lead);
    await checkOut(visit);
    const after = await leadOf(lead.id);
    expect(Date.parse(after.protectedUntil)).toBe(clock.now() + 15 * DAY);
    expect(after.nextFollowUpAt).toBe(visit.followUpAt);
    expect(await followUpsOf(lead.id)).toEqual([
      expect.objectContaining({ kind: 'visit', note: visit.notes, user_id: repId, visit_id: visit.id }),
    ]);
    const followedUp = (await outboxOf(t, lead.id)).filter((e) => e.type === 'leads.lead.followed-up.v1');
    expect(followedUp.map((e) => e.data)).toEqual([expect.objectContaining({ kind: 'visit', note: visit.notes, by: repId })]);
  });

  it('the same visit delivered again under another event id counts once', async () => {
    const lead = await newLead();
    const visit = aVisit(lead);
    await checkOut(visit);
    await checkOut({ ...visit, version: 3 });
    expect(await followUpsOf(lead.id)).toHaveLength(1);
    expect((await outboxOf(t, lead.id)).filter((e) => e.type === 'leads.lead.followed-up.v1')).toHaveLength(1);
  });

  it('protection grows by the same rules, up to the hard maximum', async () => {
    const lead = await newLead();
    const claimedAt = Date.parse(lead.claimedAt);
    for (const day of [10, 24, 38]) {
      clock.advance(claimedAt + day * DAY - clock.now());
      await checkOut(aVisit(lead));
    }
    expect(Date.parse((await leadOf(lead.id)).protectedUntil)).toBe(claimedAt + 45 * DAY);
    expect(await followUpsOf(lead.id)).toHaveLength(3);
  });

  it('a rejected visit, a visit by someone else, or at a merchant changes nothing', async () => {
    const lead = await newLead();
    const before = await leadOf(lead.id);
    await checkOut(aVisit(lead, { verification: 'rejected' }));
    await checkOut(aVisit(lead, { repId: uuidv7() }));
    await checkOut(aVisit(lead, { targetType: 'merchant' }));
    expect(await followUpsOf(lead.id)).toEqual([]);
    expect(await leadOf(lead.id)).toMatchObject({ protectedUntil: before.protectedUntil, version: before.version });
  });
});
