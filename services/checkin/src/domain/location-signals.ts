import type { RiskSignal } from '@fieldops/contracts';
import { distanceMeters, type LatLng } from '@fieldops/geo';
import { metres, signal } from './risk-signal';

/** What the device reported at check-in. */
export interface Fix extends LatLng {
  accuracyM: number;
  /** Device time, epoch ms. */
  at: number;
}

/** Below this, a phone's GPS accuracy is not believable in a street (spoofing apps report 0–1 m). */
export const TOO_GOOD_ACCURACY_M = 2;
/** A rep on a scooter in traffic, with margin; faster between two visits means one of them is not real. */
export const MAX_TRAVEL_SPEED_MPS = 120 / 3.6;
/** Shorter hops are within GPS noise of each other, whatever the time between them. */
const MIN_SPEED_CHECK_DISTANCE_M = 1_000;
/** Identical accuracy on this many visits in a row (this one included) is a replayed or simulated fix. */
export const CONSTANT_ACCURACY_RUN = 5;

export function mockLocationSignal(mockLocation: boolean): RiskSignal | null {
  return mockLocation ? signal('mock-location', 'the device reported a mock location provider') : null;
}

export function farFromTargetSignal(distanceM: number, radiusM: number): RiskSignal | null {
  return distanceM > radiusM ? signal('far-from-target', `${metres(distanceM)} from the target; the radius is ${metres(radiusM)}`) : null;
}

export function accuracyTooGoodSignal(accuracyM: number): RiskSignal | null {
  return accuracyM < TOO_GOOD_ACCURACY_M
    ? signal('accuracy-too-good', `accuracy ${accuracyM} m is better than a phone gets outdoors`)
    : null;
}

/** `recent` are the rep's previous accuracies, newest first. */
export function accuracyConstantSignal(accuracyM: number, recent: readonly number[]): RiskSignal | null {
  const run = recent.slice(0, CONSTANT_ACCURACY_RUN - 1);
  if (run.length < CONSTANT_ACCURACY_RUN - 1) return null;
  return run.every((a) => Math.abs(a - accuracyM) < 0.001)
    ? signal('accuracy-constant', `accuracy ${accuracyM} m on ${CONSTANT_ACCURACY_RUN} visits in a row`)
    : null;
}

/** The speed the rep would have needed between this fix and a neighbouring visit (before or after, in device time). */
export function impossibleSpeedSignal(fix: Fix, neighbours: readonly Fix[]): RiskSignal | null {
  for (const other of neighbours) {
    const distance = distanceMeters(fix, other);
    if (distance < MIN_SPEED_CHECK_DISTANCE_M) continue;
    const seconds = Math.abs(fix.at - other.at) / 1000;
    const speed = seconds === 0 ? Number.POSITIVE_INFINITY : distance / seconds;
    if (speed > MAX_TRAVEL_SPEED_MPS) {
      const kmh = Number.isFinite(speed) ? `${Math.round(speed * 3.6)} km/h` : 'no time at all';
      return signal('impossible-speed', `${metres(distance)} from another visit in ${Math.round(seconds)} s (${kmh})`);
    }
  }
  return null;
}
