import type { PlaceCategory } from '@fieldops/contracts';
import type { EdgeCoordinates } from '@fieldops/geo';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { type PlaceRow, placeRepository } from '../db/place.repository';
import type { PlaceAccess } from '../domain/place-scope';
import { placeEvents } from '../events/published';
import { locationColumns, nameColumns, phoneOf } from './place-fields';
import { type PlaceView, toPlaceView } from './place-view';

export interface UpdatePlaceInput {
  name?: string;
  address?: string;
  category?: PlaceCategory;
  phone?: string | null;
  /** Moving a place takes both, in the client's coordinate system. */
  lat?: number;
  lng?: number;
}

function movedTo(input: UpdatePlaceInput, edge: EdgeCoordinates) {
  if (input.lat === undefined && input.lng === undefined) return undefined;
  if (input.lat === undefined || input.lng === undefined) {
    const missing = input.lat === undefined ? 'lat' : 'lng';
    throw new ValidationError([{ field: `/body/${missing}`, message: 'is required when moving a place (send lat and lng together)' }]);
  }
  return locationColumns(edge.toStored({ lat: input.lat, lng: input.lng }));
}

/** Changes an active place of the caller's country; `ifMatch` turns the version read into the one expected. */
export async function updatePlace(
  ctx: PoiContext,
  { caller, scope }: PlaceAccess,
  id: string,
  input: UpdatePlaceInput,
  edge: EdgeCoordinates,
  ifMatch: (current: number) => number,
): Promise<PlaceView> {
  const place = await placeRepository.findById(ctx.db, id, scope);
  if (!place) throw new NotFoundError('Place');
  const expected = ifMatch(Number(place.version));
  if (place.status === 'merged') {
    throw new ConflictError(`This place was merged into ${place.merged_into}; change that one instead.`, [], {
      mergedInto: place.merged_into,
    });
  }
  const changes: Partial<PlaceRow> = {
    ...(input.name !== undefined ? nameColumns(input.name) : {}),
    ...(input.address !== undefined ? { address: input.address.trim() } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.phone !== undefined ? { phone: phoneOf(ctx, place.country, input.phone) } : {}),
    ...movedTo(input, edge),
    updated_at: ctx.clock.now(),
  };
  const updated: PlaceRow = { ...place, ...changes, version: expected + 1 };
  await ctx.transact(async (trx, events) => {
    if (!(await placeRepository.update(trx, id, expected, changes))) throw new PreconditionFailedError();
    await events.append(placeEvents.updated(updated, caller.userId));
  });
  return toPlaceView(updated, edge);
}
