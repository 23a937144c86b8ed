import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { type CheckinEventData, CheckinService, checkinEvents, eventCatalogue, rpcServiceOwners, validateEventData } from '../src/index';

describe('CheckinService descriptor', () => {
  it('has the three read methods, all free of side effects, owned by the checkin service', () => {
    expect(CheckinService.typeName).toBe('fieldops.checkin.v1.CheckinService');
    expect(CheckinService.methods.map((m) => m.name)).toEqual(['GetVisit', 'ListVisits', 'ExportVisits']);
    for (const m of CheckinService.methods) expect(m.idempotency).toBe(MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS);
    expect(rpcServiceOwners['fieldops.checkin.v1.CheckinService']).toBe('checkin');
  });
});

describe('checkin events', () => {
  it('are all in the catalogue', () => {
    for (const type of Object.keys(checkinEvents)) expect(Object.hasOwn(eventCatalogue, type)).toBe(true);
  });

  it('a day plan carries its stops in visiting order; an unknown field or a bad date is refused', () => {
    const plan: CheckinEventData<'checkin.plan.updated.v1'> = {
      id: 'plan-1',
      repId: 'rep-1',
      orgUnitId: null,
      agencyId: null,
      country: 'SG',
      date: '2026-12-01',
      stops: [
        {
          targetType: 'merchant',
          targetId: 'm1',
          targetName: 'Kopitiam',
          lat: 1.3,
          lng: 103.85,
          appointmentAt: null,
          arriveAt: '2026-12-01T01:03:00.000Z',
          late: false,
        },
      ],
      totalDistanceM: 1000,
      travelSeconds: 180,
      version: 1,
    };
    expect(validateEventData('checkin.plan.updated.v1', plan)).toEqual({ ok: true });
    expect(validateEventData('checkin.plan.updated.v1', { ...plan, date: '1 Dec' }).ok).toBe(false);
    expect(validateEventData('checkin.plan.updated.v1', { ...plan, extra: 1 }).ok).toBe(false);
  });
});
