import type { EdgeCoordinates } from '@fieldops/geo';
import { distanceMeters, placeNameMatcher } from '@fieldops/geo';
import type { PoiContext } from '../config';
import { type PlaceRow, placeRepository } from '../db/place.repository';
import { judgeDuplicate, NEIGHBOURHOOD_M } from '../domain/duplicate-score';
import type { PlaceAccess } from '../domain/place-scope';
import { searchNearby } from './nearby-search';
import { phoneOf } from './place-fields';

export interface DuplicateQuery {
  name: string;
  phone?: string | null;
  /** In the client's coordinate system. */
  lat: number;
  lng: number;
}

export interface DuplicateCandidate {
  row: PlaceRow;
  score: number;
  reasons: string[];
  /** Metres from the point described. */
  distance: number;
}

const NEAR_LIMIT = 200;
const SAME_PHONE_LIMIT = 50;
export const MAX_CANDIDATES = 20;

/**
 * Places that may be the one described (before creating it, or when cleaning up): active places of the caller's
 * country within 300 m and those with the same phone anywhere, each judged on name, phone and distance. Best first.
 */
export async function findDuplicates(
  ctx: PoiContext,
  { caller, scope }: PlaceAccess,
  query: DuplicateQuery,
  edge: EdgeCoordinates,
  phoneField = '/body/phone',
): Promise<DuplicateCandidate[]> {
  const centre = edge.toStored({ lat: query.lat, lng: query.lng });
  const phone = phoneOf(ctx, caller.country, query.phone, phoneField);
  const near = await searchNearby(ctx.db, { centre, radius: NEIGHBOURHOOD_M, limit: NEAR_LIMIT, scope });
  const sameNumber = phone ? await placeRepository.activeWithPhone(ctx.db, phone, scope, SAME_PHONE_LIMIT) : [];
  const seen = new Map<string, { row: PlaceRow; distance: number }>(near.hits.map((hit) => [hit.row.id, hit]));
  for (const row of sameNumber) if (!seen.has(row.id)) seen.set(row.id, { row, distance: distanceMeters(centre, row) });
  const similarity = placeNameMatcher(query.name);
  const candidates: DuplicateCandidate[] = [];
  for (const { row, distance } of seen.values()) {
    const verdict = judgeDuplicate({
      nameSimilarity: similarity(row.name),
      samePhone: phone !== null && row.phone === phone,
      distance,
    });
    if (verdict) candidates.push({ row, distance, ...verdict });
  }
  candidates.sort((a, b) => b.score - a.score || a.distance - b.distance || (a.row.id < b.row.id ? -1 : 1));
  return candidates.slice(0, MAX_CANDIDATES);
}
