import { create } from '@bufbuild/protobuf';
import { VisitSchema, VisitSnapshot } from '@fieldops/contracts';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { visitSnapshot } from '../src/app/export-snapshots';

const CHECKED_IN = Date.parse('2026-03-04T05:06:07.000Z');

const exported = (fields: Parameters<typeof create<typeof VisitSchema>>[1] = {}) =>
  create(VisitSchema, {
    id: 'visit-1',
    repId: 'rep-1',
    country: 'SG',
    targetType: 'merchant',
    targetId: 'merchant-1',
    targetName: 'Kopitiam',
    lat: 1.29,
    lng: 103.85,
    accuracyM: 8,
    distanceM: 12.5,
    checkedInAt: BigInt(CHECKED_IN),
    receivedAt: BigInt(CHECKED_IN + 2_000),
    notes: 'owner asked for stands',
    riskScore: 0.1,
    verification: 'open',
    version: 1n,
    ...fields,
  });

describe('an exported visit as the snapshot its events carry', () => {
  it('keeps every field, times as ISO instants, and passes the event schema', () => {
    const snapshot = visitSnapshot(
      exported({
        orgUnitId: 'team-1',
        agencyId: 'agency-1',
        areaId: 'area-1',
        checkedOutAt: BigInt(CHECKED_IN + 1_500_000),
        dwellSeconds: 1_500n,
        outcome: 'met-owner',
        followUpAt: BigInt(CHECKED_IN + 86_400_000),
        photoIds: ['photo-1'],
        riskSignals: [{ code: 'far-from-target', weight: 0.1, detail: '120 m away' }],
        verification: 'verified',
        version: 2n,
      }),
    );
    expect(snapshot).toEqual({
      id: 'visit-1',
      repId: 'rep-1',
      orgUnitId: 'team-1',
      agencyId: 'agency-1',
      country: 'SG',
      targetType: 'merchant',
      targetId: 'merchant-1',
      targetName: 'Kopitiam',
      areaId: 'area-1',
      lat: 1.29,
      lng: 103.85,
      accuracyM: 8,
      distanceM: 12.5,
      checkedInAt: '2026-03-04T05:06:07.000Z',
      receivedAt: '2026-03-04T05:06:09.000Z',
      checkedOutAt: '2026-03-04T05:31:07.000Z',
      dwellSeconds: 1500,
      outcome: 'met-owner',
      notes: 'owner asked for stands',
      followUpAt: '2026-03-05T05:06:07.000Z',
      photoIds: ['photo-1'],
      riskScore: 0.1,
      riskSignals: [{ code: 'far-from-target', weight: 0.1, detail: '120 m away' }],
      verification: 'verified',
      version: 2,
    });
    expect(Value.Errors(VisitSnapshot, snapshot)).toEqual([]);
  });

  it('turns the fields an open visit lacks into nulls', () => {
    const snapshot = visitSnapshot(exported());
    expect(snapshot).toMatchObject({
      orgUnitId: null,
      agencyId: null,
      areaId: null,
      checkedOutAt: null,
      dwellSeconds: null,
      outcome: null,
      followUpAt: null,
    });
    expect(Value.Errors(VisitSnapshot, snapshot)).toEqual([]);
  });
});
