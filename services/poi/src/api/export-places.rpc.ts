import { Code, ConnectError, type HandlerContext } from '@connectrpc/connect';
import { rpcServiceCaller } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { type PlaceRow, placeRepository } from '../db/place.repository';

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1000;

/**
 * Every place in id order, a page at a time, for read models that rebuild themselves (search). Only a FieldOps
 * service acting as itself (`ctx.asService()`) may export: a user never needs every place.
 */
export async function exportPlaces(
  ctx: PoiContext,
  context: HandlerContext,
  request: { afterId: string; limit: number },
): Promise<{ rows: PlaceRow[]; nextAfterId: string }> {
  rpcServiceCaller(context, 'export places');
  if (request.limit < 0 || request.limit > MAX_LIMIT) throw new ConnectError(`limit must be within 0..${MAX_LIMIT}`, Code.InvalidArgument);
  const limit = request.limit === 0 ? DEFAULT_LIMIT : request.limit;
  const rows = await placeRepository.pageAfter(ctx.db, request.afterId, limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextAfterId: rows.length > limit ? (page.at(-1)?.id ?? '') : '' };
}
