/** Nearby results are ordered by distance, then id: a total order, so a cursor can continue exactly after an item. */
export interface NearbyKey {
  distance: number;
  id: string;
}

export function compareNearby(a: NearbyKey, b: NearbyKey): number {
  if (a.distance !== b.distance) return a.distance - b.distance;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function isAfter(key: NearbyKey, cursor: NearbyKey | undefined): boolean {
  return cursor === undefined || compareNearby(key, cursor) > 0;
}

/** A cursor's key, or undefined when the value is not one this service issued. */
export function nearbyKeyOf(value: unknown[] | undefined): NearbyKey | undefined {
  if (!value) return undefined;
  const [distance, id] = value;
  if (typeof distance !== 'number' || !Number.isFinite(distance) || distance < 0 || typeof id !== 'string') return undefined;
  return { distance, id };
}
