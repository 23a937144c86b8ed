import type { PoiContext } from '../config';
import { type PlaceRow, placeRepository } from '../db/place.repository';
import type { PlaceScope } from '../domain/place-scope';

export const MAX_BATCH_IDS = 500;

/** The places among `ids` that exist in the scope, in no particular order; unknown ids are simply absent. */
export function getPlaces(ctx: PoiContext, scope: PlaceScope, ids: string[]): Promise<PlaceRow[]> {
  return placeRepository.findMany(ctx.db, [...new Set(ids)].slice(0, MAX_BATCH_IDS), scope);
}
