import type { RiskSignal } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';
import type { CheckinContext } from '../config';
import { visitRepository } from '../db/visit.repository';
import { checkInSignals, photoSignals } from '../domain/assess-visit';
import { CONSTANT_ACCURACY_RUN, type Fix } from '../domain/location-signals';
import { type PhotoFacts, REUSED_VISITS_NAMED } from '../domain/photo-signals';

export interface CheckInEvidence {
  repId: string;
  visitId: string;
  /** At the recorded time of the check-in. */
  fix: Fix;
  /** The device's clock at the check-in. */
  deviceTime: number;
  mockLocation: boolean;
  offline: boolean;
  receivedAt: number;
  distanceM: number;
  radiusM: number;
  requestedPhotoIds: readonly string[];
  photos: readonly PhotoFacts[];
}

const asFix = (row: { lat: number; lng: number; accuracy_m: number; checked_in_at: number }): Fix => ({
  lat: row.lat,
  lng: row.lng,
  accuracyM: row.accuracy_m,
  at: Number(row.checked_in_at),
});

/** Gathers what the signals compare with (the rep's neighbouring visits, photos seen before) and scores the check-in. */
export async function assessCheckIn(ctx: CheckinContext, e: CheckInEvidence): Promise<RiskSignal[]> {
  // Independent reads: on a server database they run on separate connections at once, one round trip instead of two.
  const [fixes, reusedOn] = await Promise.all([
    visitRepository.fixesAround(ctx.db, e.repId, e.fix.at, CONSTANT_ACCURACY_RUN),
    visitRepository.visitsWithPhotos(
      ctx.db,
      e.photos.map((p) => p.sha256),
      e.visitId,
      REUSED_VISITS_NAMED + 1,
    ),
  ]);
  const before = fixes.upTo.map(asFix);
  const previous = before[0];
  const checkIn: LatLng = { lat: e.fix.lat, lng: e.fix.lng };
  return [
    ...checkInSignals({
      fix: e.fix,
      deviceTime: e.deviceTime,
      mockLocation: e.mockLocation,
      offline: e.offline,
      receivedAt: e.receivedAt,
      distanceM: e.distanceM,
      radiusM: e.radiusM,
      recentAccuracies: before.map((f) => f.accuracyM),
      neighbours: [previous, fixes.after ? asFix(fixes.after) : undefined].filter((f): f is Fix => f !== undefined),
    }),
    ...photoSignals({ requested: e.requestedPhotoIds, photos: e.photos, reusedOn, window: { from: e.fix.at, to: e.fix.at }, checkIn }),
  ];
}
