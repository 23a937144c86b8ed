import { type EdgeCoordinates, roundMetres } from '@fieldops/geo';
import { decodeCursor, encodeCursor, type Page, ValidationError } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { nearbyKeyOf } from '../domain/nearby-order';
import type { PlaceAccess } from '../domain/place-scope';
import { searchNearby } from './nearby-search';
import { type PlaceView, toPlaceView } from './place-view';

export const MAX_NEARBY_RADIUS_M = 50_000;

export interface NearbyInput {
  /** In the client's coordinate system. */
  lat: number;
  lng: number;
  radius: number;
  category?: string;
  limit: number;
  cursor?: string;
}

export type NearbyItem = PlaceView & { distance: number };

/** Distances are answered to the centimetre; cursors keep the exact value so paging never skips or repeats. */

/** Where errors point: the REST query's fields, or the RPC request's. */
export interface NearbyFieldNames {
  radius: string;
  cursor: string;
}
const QUERY_FIELDS: NearbyFieldNames = { radius: '/query/radius', cursor: '/query/cursor' };

function nearbyCursorKey(cursor: string | undefined, field: string) {
  if (!cursor) return undefined;
  const key = nearbyKeyOf(decodeCursor(cursor));
  if (!key) throw new ValidationError([{ field, message: 'is not a cursor this API issued' }]);
  return key;
}

/** Runs a nearby search for an API: the point converted from the client's system, the cursor decoded. */
export async function nearbyHits(
  ctx: PoiContext,
  { scope }: PlaceAccess,
  input: NearbyInput,
  edge: EdgeCoordinates,
  fields = QUERY_FIELDS,
) {
  if (!(input.radius > 0 && input.radius <= MAX_NEARBY_RADIUS_M)) {
    throw new ValidationError([{ field: fields.radius, message: `must be more than 0 and at most ${MAX_NEARBY_RADIUS_M} metres` }]);
  }
  const page = await searchNearby(ctx.db, {
    centre: edge.toStored({ lat: input.lat, lng: input.lng }),
    radius: input.radius,
    category: input.category,
    limit: input.limit,
    after: nearbyCursorKey(input.cursor, fields.cursor),
    scope,
  });
  return { hits: page.hits, nextCursor: page.next ? encodeCursor([page.next.distance, page.next.id]) : null };
}

export async function findNearby(
  ctx: PoiContext,
  access: PlaceAccess,
  input: NearbyInput,
  edge: EdgeCoordinates,
): Promise<Page<NearbyItem>> {
  const { hits, nextCursor } = await nearbyHits(ctx, access, input, edge);
  return { items: hits.map((hit) => ({ ...toPlaceView(hit.row, edge), distance: roundMetres(hit.distance) })), nextCursor };
}
