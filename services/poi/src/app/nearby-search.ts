import { boxAround, CircleCover, distanceMeters, type IndexResolution, type LatLng } from '@fieldops/geo';
import type { Kysely } from 'kysely';
import { type BoundingBox, type PlaceLocation, type PlaceRow, placeRepository } from '../db/place.repository';
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

// Each step reads out to a distance: the first a few metres (a dense street holds the nearest fifty within them);
// later ones aim, at the density seen so far, for the distance that holds what is still missing, with room to spare.
// Nothing found yet grows the distance fourfold.
const FIRST_AIM_M = 30;
const AIM_SLACK = 1.3;
const MIN_GROWTH = 1.5;
const EMPTY_GROWTH = 4;

function nextTarget(reach: number, skipWithin: number, found: number, wanted: number): number {
  if (found === 0) return reach * EMPTY_GROWTH;
  const area = Math.PI * (reach ** 2 - skipWithin ** 2);
  const neededArea = (wanted / found) * area;
  const aim = Math.sqrt(skipWithin ** 2 + neededArea / Math.PI) * AIM_SLACK;
  return Math.max(aim, reach * MIN_GROWTH);
}

/**
 * Places within `radius` of a point, nearest first, a page at a time. Each step measures the places within a
 * distance of the point: it hands out the H3 cells that distance needs, ring by ring (see CircleCover), and reads
 * from them only the places inside a box around it (a dense cell holds tens of thousands of places, the nearest fifty
 * may be metres away); a later, farther step reads the new cells and what lies beyond the last box in the older ones.
 * It stops once `limit + 1` places are within the distance measured, then reads those rows whole. Ties in distance
 * are broken by id.
 */
export async function searchNearby(db: Kysely<PoiDb>, query: NearbyQuery): Promise<NearbyPage> {
  const wanted = query.limit + 1;
  const skipWithin = query.after?.distance ?? 0;
  const cover = new CircleCover(query.centre, query.radius, { skipWithin });
  const found = new Map<string, NearbyKey>();
  // The cells handed out so far, by resolution (the cover coarsens far out), all read to `box`.
  const handedOut: { resolution: IndexResolution; cells: string[] }[] = [];
  let box: BoundingBox | undefined;
  // Every wanted place nearer than this has been measured.
  let reach = skipWithin;
  let target = skipWithin + FIRST_AIM_M;
  for (;;) {
    const distance = Math.min(target, query.radius);
    const fresh = cover.coveredTo <= distance && !cover.done ? cover.next(distance) : undefined;
    const nextBox = boxAround(query.centre, distance);
    const locations: PlaceLocation[] = [];
    for (const older of handedOut) {
      // Read to the whole cells already (no box): nothing more there.
      if (!box) continue;
      const more = await placeRepository.locationsInCells(db, older.resolution, older.cells, query.scope, query.category, {
        within: nextBox,
        readBefore: box,
      });
      for (const location of more) locations.push(location);
    }
    if (fresh && fresh.cells.length > 0) {
      const more = await placeRepository.locationsInCells(db, fresh.resolution, fresh.cells, query.scope, query.category, {
        within: nextBox,
      });
      for (const location of more) locations.push(location);
      const same = handedOut.find((h) => h.resolution === fresh.resolution);
      if (same) same.cells.push(...fresh.cells);
      else handedOut.push({ resolution: fresh.resolution, cells: [...fresh.cells] });
    }
    box = nextBox;
    reach = distance;
    for (const location of locations) {
      const key = { id: location.id, distance: distanceMeters(query.centre, location) };
      if (key.distance <= query.radius && isAfter(key, query.after)) found.set(key.id, key);
    }
    if (reach >= query.radius) break;
    const settled = [...found.values()].filter((k) => k.distance < reach).length;
    if (settled >= wanted) break;
    target = nextTarget(reach, skipWithin, settled, wanted);
  }
  const ordered = [...found.values()].filter((k) => k.distance < reach || reach >= query.radius).sort(compareNearby);
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
