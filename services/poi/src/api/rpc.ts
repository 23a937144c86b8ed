import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type PlaceSchema, PoiService } from '@fieldops/contracts';
// RPC speaks WGS-84 only: conversions for clients in China belong to the public edge.
import { WGS84 } from '@fieldops/geo';
import { AppError, rpcAccess } from '@fieldops/platform';
import { findDuplicates } from '../app/find-duplicates';
import { nearbyHits } from '../app/find-nearby';
import { getPlaces } from '../app/get-places';
import { placesInBox } from '../app/places-in-box';
import type { PoiContext } from '../config';
import type { PlaceRow } from '../db/place.repository';
import { PlacePermission } from '../domain/permissions';
import { type PlaceAccess, placeScopes } from '../domain/place-scope';
import { exportPlaces } from './export-places.rpc';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const DEFAULT_BOX_LIMIT = 500;
const MAX_BOX_LIMIT = 1000;

/** Every read needs place:read, like the REST API; the scope is the caller's country. */
const accessOf = (context: HandlerContext): Promise<PlaceAccess> => rpcAccess(context, PlacePermission.read, placeScopes);

/** The app's errors, as Connect codes: a bad argument stays a bad argument across the wire. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const code = error.status === 400 ? Code.InvalidArgument : error.status === 404 ? Code.NotFound : Code.FailedPrecondition;
    const fields = error.errors.map((e) => `${e.field} ${e.message}`).join('; ');
    throw new ConnectError(fields ? `${error.message} ${fields}` : error.message, code);
  }
}

function toPlaceMessage(row: PlaceRow): MessageInitShape<typeof PlaceSchema> {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    category: row.category,
    ...(row.phone ? { phone: row.phone } : {}),
    country: row.country,
    lat: row.lat,
    lng: row.lng,
    source: row.source,
    status: row.status,
    ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
    ...(row.area_id ? { areaId: row.area_id } : {}),
    version: BigInt(row.version),
    createdAt: BigInt(row.created_at),
    updatedAt: BigInt(row.updated_at),
  };
}

const clamp = (value: number, fallback: number, max: number) => (value > 0 ? Math.min(value, max) : fallback);

/** Reads other services make of this one (all in WGS-84), each with the caller's token verified here. */
export function poiRpc(router: ConnectRouter, ctx: PoiContext): void {
  router.service(PoiService, {
    async getPlace(request, context) {
      const { scope } = await accessOf(context);
      const [row] = await getPlaces(ctx, scope, [request.id]);
      if (!row) throw new ConnectError('place not found', Code.NotFound);
      return { place: toPlaceMessage(row) };
    },
    async batchGetPlaces(request, context) {
      const { scope } = await accessOf(context);
      return { places: (await getPlaces(ctx, scope, request.ids)).map(toPlaceMessage) };
    },
    async nearby(request, context) {
      const access = await accessOf(context);
      const input = {
        lat: request.lat,
        lng: request.lng,
        radius: request.radiusM,
        category: request.category || undefined,
        limit: clamp(request.limit, DEFAULT_LIMIT, MAX_LIMIT),
        cursor: request.cursor || undefined,
      };
      const { hits, nextCursor } = await mapped(() => nearbyHits(ctx, access, input, WGS84, { radius: 'radius_m', cursor: 'cursor' }));
      return { items: hits.map((hit) => ({ place: toPlaceMessage(hit.row), distanceM: hit.distance })), nextCursor: nextCursor ?? '' };
    },
    async findDuplicates(request, context) {
      const access = await accessOf(context);
      const query = { name: request.name, phone: request.phone, lat: request.lat, lng: request.lng };
      const candidates = await mapped(() => findDuplicates(ctx, access, query, WGS84, 'phone'));
      return {
        candidates: candidates.map((c) => ({ place: toPlaceMessage(c.row), score: c.score, reasons: c.reasons, distanceM: c.distance })),
      };
    },
    async placesInBoundingBox(request, context) {
      const { scope } = await accessOf(context);
      const box = { minLat: request.minLat, minLng: request.minLng, maxLat: request.maxLat, maxLng: request.maxLng };
      const limit = clamp(request.limit, DEFAULT_BOX_LIMIT, MAX_BOX_LIMIT);
      const page = await mapped(() => placesInBox(ctx, scope, box, request.cursor || undefined, limit));
      return {
        places: page.places.map((r) => ({ id: r.id, lat: r.lat, lng: r.lng, ...(r.area_id ? { areaId: r.area_id } : {}) })),
        nextCursor: page.nextCursor ?? '',
      };
    },
    async exportPlaces(request, context) {
      const { rows, nextAfterId } = await exportPlaces(ctx, context, request);
      return { places: rows.map(toPlaceMessage), nextAfterId };
    },
  });
}
