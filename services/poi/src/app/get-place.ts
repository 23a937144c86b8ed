import type { EdgeCoordinates } from '@fieldops/geo';
import { NotFoundError } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import type { PlaceAccess } from '../domain/place-scope';
import { type PlaceView, toPlaceView } from './place-view';

/** A place of the caller's country; a merged one too, with `mergedInto` for the client to follow. */
export async function getPlace(ctx: PoiContext, { scope }: PlaceAccess, id: string, edge: EdgeCoordinates): Promise<PlaceView> {
  const row = await placeRepository.findById(ctx.db, id, scope);
  if (!row) throw new NotFoundError('Place');
  return toPlaceView(row, edge);
}
