import { CircleCover, distanceMeters, type LatLng } from '@fieldops/geo';
import type { Kysely } from 'kysely';
import { type PlaceRow, placeRepository } from '../db/place.repository';
import type { PoiDb } from '../db/schema';
import { compareNearby, isAfter, type NearbyKey } from '../domain/nearby-order';
import type { PlaceScope } from '../domain/place-scope';

export interface NearbyQuery {
  /** WGS-84. */
  centre: LatLng;
  radius: number;
  category?: string;
  limit: number;
  /** Continue after this item (a page cursor). */
  after?: NearbyKey;
  scope: PlaceScope;
}

export interface NearbyHit {
  row: PlaceRow;
  distance: number;
}

export interface NearbyPage {
  hits: NearbyHit[];
  /** The key of the last hit when more follow. */
  next: NearbyKey | undefined;
}

// A first step reads the centre's cell and its neighbours; later steps aim, at the density seen so far, for the
// distance that holds what is still missing, with room to spare.
const AIM_SLACK = 1.3;
const MIN_GROWTH = 1.5;
const EMPTY_GROWTH = 4;

function nextTarget(coveredTo: number, skipWithin: number, found: number, wanted: number): number {
  if (found === 0) return Math.max(coveredTo * EMPTY_GROWTH, 500);
  const area = Math.PI * (coveredTo ** 2 - skipWithin ** 2);
  const neededArea = (wanted / found) * area;
  const aim = Math.sqrt(skipWithin ** 2 + neededArea / Math.PI) * AIM_SLACK;
  return Math.max(aim, coveredTo * MIN_GROWTH);
}

/**
 * Places within `radius` of a point, nearest first, a page at a time. Reads H3 cells outward ring by ring (see
 * CircleCover) and measures only the locations in them, stopping once `limit + 1` places are known to be nearer
 * than anything not yet read; then reads those rows whole. Ties in distance are broken by id.
 */
export async function searchNearby(db: Kysely<PoiDb>, query: NearbyQuery): Promise<NearbyPage> {
  const wanted = query.limit + 1;
  const skipWithin = query.after?.distance ?? 0;
  const cover = new CircleCover(query.centre, query.radius, { skipWithin });
  const found = new Map<string, NearbyKey>();
  let target = 0;
  for (;;) {
    const batch = cover.next(target);
    if (batch.cells.length > 0) {
      const locations = await placeRepository.locationsInCells(db, batch.resolution, batch.cells, query.scope, query.category);
      for (const location of locations) {
        const key = { id: location.id, distance: distanceMeters(query.centre, location) };
        if (key.distance <= query.radius && isAfter(key, query.after)) found.set(key.id, key);
      }
    }
    const settled = [...found.values()].filter((k) => k.distance < cover.coveredTo).length;
    if (settled >= wanted || cover.done) break;
    target = nextTarget(cover.coveredTo, skipWithin, settled, wanted);
  }
  const ordered = [...found.values()].filter((k) => k.distance < cover.coveredTo).sort(compareNearby);
  const page = ordered.slice(0, query.limit);
  const rows = new Map(
    (
      await placeRepository.findMany(
        db,
        page.map((k) => k.id),
        query.scope,
      )
    ).map((r) => [r.id, r]),
  );
  const hits = page.flatMap((key) => {
    const row = rows.get(key.id);
    return row ? [{ row, distance: key.distance }] : [];
  });
  const last = page[page.length - 1];
  return { hits, next: ordered.length > query.limit && last ? last : undefined };
}
