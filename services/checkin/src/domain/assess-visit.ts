import type { RiskSignal } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';
import { clockSkewSignal } from './clock-signals';
import {
  accuracyConstantSignal,
  accuracyTooGoodSignal,
  type Fix,
  farFromTargetSignal,
  impossibleSpeedSignal,
  mockLocationSignal,
} from './location-signals';
import { type PhotoFacts, photoMissingSignal, photoPlaceSignal, photoReusedSignal, photoTimeSignal } from './photo-signals';

/** Everything the check-in signals look at; the caller gathers it, this stays pure. */
export interface CheckInFacts {
  /** At the recorded time of the check-in. */
  fix: Fix;
  /** The device's clock at the check-in: what the clock-skew signal compares with the server's. */
  deviceTime: number;
  mockLocation: boolean;
  /** The app says it queued the check-in offline and replays it now. */
  offline: boolean;
  receivedAt: number;
  distanceM: number;
  radiusM: number;
  /** The rep's previous accuracies, newest (device time) first. */
  recentAccuracies: readonly number[];
  /** The rep's visits just before and just after this one in device time. */
  neighbours: readonly Fix[];
}

export function checkInSignals(f: CheckInFacts): RiskSignal[] {
  return [
    mockLocationSignal(f.mockLocation),
    farFromTargetSignal(f.distanceM, f.radiusM),
    accuracyTooGoodSignal(f.fix.accuracyM),
    accuracyConstantSignal(f.fix.accuracyM, f.recentAccuracies),
    impossibleSpeedSignal(f.fix, f.neighbours),
    clockSkewSignal(f.deviceTime, f.receivedAt, f.offline),
  ].filter((s): s is RiskSignal => s !== null);
}

export interface PhotoEvidenceFacts {
  requested: readonly string[];
  photos: readonly PhotoFacts[];
  /** Photo hash → other visits carrying the same bytes. */
  reusedOn: ReadonlyMap<string, readonly string[]>;
  /** Device times of check-in and check-out. */
  window: { from: number; to: number };
  checkIn: LatLng;
}

export function photoSignals(f: PhotoEvidenceFacts): RiskSignal[] {
  if (f.requested.length === 0) return [];
  return [
    photoMissingSignal(f.requested, f.photos),
    photoReusedSignal(f.photos, f.reusedOn),
    photoTimeSignal(f.photos, f.window),
    photoPlaceSignal(f.photos, f.checkIn),
  ].filter((s): s is RiskSignal => s !== null);
}
