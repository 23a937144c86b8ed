import { resolveAreaIds } from '@fieldops/area-client';
import type { PlaceCategory } from '@fieldops/contracts';
import { isSupportedCountry } from '@fieldops/countries';
import type { EdgeCoordinates, LatLng } from '@fieldops/geo';
import { asCaller, type Principal, UnprocessableError, ValidationError } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import type { PlaceAccess } from '../domain/place-scope';
import { inScope } from '../domain/place-scope';
import { placeEvents } from '../events/published';
import { newPlaceRow, phoneOf } from './place-fields';
import { type PlaceView, toPlaceView } from './place-view';

export interface CreatePlaceInput {
  name: string;
  address?: string;
  category: PlaceCategory;
  phone?: string | null;
  /** In the client's coordinate system. */
  lat: number;
  lng: number;
  /** The caller's country when left out. */
  country?: string;
  source?: 'rep' | 'import' | 'partner';
}

/** The area holding the new place; a create still succeeds (without area) when the area service does not answer. */
async function areaOf(ctx: PoiContext, point: LatLng, caller: Principal): Promise<string | null> {
  try {
    return (await resolveAreaIds(ctx, [point], async () => asCaller(caller.token)))?.[0] ?? null;
  } catch (error) {
    ctx.log.warn({ err: error }, 'ResolveArea failed; the place is created without an area');
    return null;
  }
}

export async function createPlace(
  ctx: PoiContext,
  { caller, scope }: PlaceAccess,
  input: CreatePlaceInput,
  edge: EdgeCoordinates,
): Promise<PlaceView> {
  const country = input.country ?? caller.country;
  if (!isSupportedCountry(country)) throw new ValidationError([{ field: '/body/country', message: 'is not a country FieldOps serves' }]);
  if (!inScope(scope, country)) {
    throw new UnprocessableError('You can add places in your own country only.', [
      { field: '/body/country', message: 'is outside your data scope' },
    ]);
  }
  const row = newPlaceRow(
    {
      name: input.name,
      address: input.address ?? '',
      category: input.category,
      phone: phoneOf(ctx, country, input.phone),
      country,
      location: edge.toStored({ lat: input.lat, lng: input.lng }),
      source: input.source ?? 'rep',
    },
    ctx.clock.now(),
  );
  row.area_id = await areaOf(ctx, row, caller);
  await ctx.transact(async (trx, events) => {
    await placeRepository.insert(trx, row);
    await events.append(placeEvents.created(row, caller.userId));
  });
  return toPlaceView(row, edge);
}
