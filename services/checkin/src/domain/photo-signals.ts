import type { RiskSignal } from '@fieldops/contracts';
import { distanceMeters, type LatLng } from '@fieldops/geo';
import { metres, minutes, signal } from './risk-signal';

/** What the file service read from a photo's bytes. */
export interface PhotoFacts {
  id: string;
  sha256: string;
  /** EXIF DateTimeOriginal, epoch ms, when present. */
  takenAt: number | null;
  gpsLat: number | null;
  gpsLng: number | null;
}

/** A photo taken this long before the check-in (or after the check-out) was not taken on this visit. */
export const PHOTO_TIME_TOLERANCE_MS = 2 * 60 * 60_000;
/** A photo's EXIF position this far from the check-in was taken somewhere else. */
export const PHOTO_DISTANCE_TOLERANCE_M = 500;

/** How many of the other visits a reused photo is evidence of the signal names: enough for a reviewer to look. */
export const REUSED_VISITS_NAMED = 3;

/**
 * `reusedOn` maps a photo hash to other visits that already carry the same bytes, up to one more than the signal
 * names (read `REUSED_VISITS_NAMED + 1`), so that it can say there are more.
 */
export function photoReusedSignal(photos: readonly PhotoFacts[], reusedOn: ReadonlyMap<string, readonly string[]>): RiskSignal | null {
  const reused = photos.filter((p) => (reusedOn.get(p.sha256) ?? []).length > 0);
  if (reused.length === 0) return null;
  const detail = reused
    .map((p) => {
      const visits = reusedOn.get(p.sha256) ?? [];
      const more = visits.length > REUSED_VISITS_NAMED ? ' and others' : '';
      return `photo ${p.id} is also evidence of visit ${visits.slice(0, REUSED_VISITS_NAMED).join(', ')}${more}`;
    })
    .join('; ');
  return signal('photo-reused', detail);
}

/** The photos' EXIF times against the visit's window (check-in to check-out, device times). */
export function photoTimeSignal(photos: readonly PhotoFacts[], window: { from: number; to: number }): RiskSignal | null {
  const off = photos.filter(
    (p) => p.takenAt !== null && (p.takenAt < window.from - PHOTO_TIME_TOLERANCE_MS || p.takenAt > window.to + PHOTO_TIME_TOLERANCE_MS),
  );
  if (off.length === 0) return null;
  const gap = (p: PhotoFacts) => Math.min(Math.abs((p.takenAt ?? 0) - window.from), Math.abs((p.takenAt ?? 0) - window.to));
  return signal('photo-time-far', off.map((p) => `photo ${p.id} taken ${minutes(gap(p))} outside the visit`).join('; '));
}

export function photoPlaceSignal(photos: readonly PhotoFacts[], checkIn: LatLng): RiskSignal | null {
  const off = photos
    .map((p) => ({ p, distance: p.gpsLat === null || p.gpsLng === null ? 0 : distanceMeters({ lat: p.gpsLat, lng: p.gpsLng }, checkIn) }))
    .filter(({ distance }) => distance > PHOTO_DISTANCE_TOLERANCE_M);
  if (off.length === 0) return null;
  return signal('photo-place-far', off.map(({ p, distance }) => `photo ${p.id} taken ${metres(distance)} from the check-in`).join('; '));
}

/** Photo ids the file service does not know (or the rep may not read): evidence that cannot be checked. */
export function photoMissingSignal(requested: readonly string[], found: readonly PhotoFacts[]): RiskSignal | null {
  const known = new Set(found.map((p) => p.id));
  const missing = requested.filter((id) => !known.has(id));
  return missing.length > 0 ? signal('photo-missing', `no file ${missing.join(', ')}`) : null;
}
