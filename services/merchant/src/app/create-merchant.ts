import type { PlaceCategory } from '@fieldops/contracts';
import { isSupportedCountry } from '@fieldops/countries';
import type { EdgeCoordinates } from '@fieldops/geo';
import { type Access, asCaller, UnprocessableError, ValidationError } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import { merchantEvents } from '../events/published';
import { areaOf } from './area-of';
import type { ContactInput } from './merchant-fields';
import { type MerchantView, toMerchantView } from './merchant-view';
import { newMerchantRow } from './new-merchant';
import { ownerOf } from './owner-lookup';

export interface CreateMerchantInput {
  legalName: string;
  brandName?: string;
  category: PlaceCategory;
  tier?: 'A' | 'B' | 'C';
  contacts?: ContactInput[];
  address?: string;
  placeId?: string | null;
  /** In the client's coordinate system. */
  lat: number;
  lng: number;
  /** The caller's country when left out. */
  country?: string;
  businessId: string;
  documents?: string[];
  /** The caller when left out; must be a user the caller can see. */
  ownerId?: string;
}

export async function createMerchant(ctx: MerchantContext, { caller, scope }: Access, input: CreateMerchantInput, edge: EdgeCoordinates) {
  const country = input.country ?? caller.country;
  if (!isSupportedCountry(country)) throw new ValidationError([{ field: '/body/country', message: 'is not a country FieldOps serves' }]);
  if (scope.scope !== 'all' && country !== caller.country) {
    throw new UnprocessableError('You can add merchants in your own country only.', [
      { field: '/body/country', message: 'is outside your data scope' },
    ]);
  }
  const callAs = async () => asCaller(caller.token);
  const owner = await ownerOf(ctx, input.ownerId ?? caller.userId, callAs);
  const row = newMerchantRow(ctx, { ...input, country, location: edge.toStored({ lat: input.lat, lng: input.lng }) }, owner);
  row.area_id = await areaOf(ctx, row, callAs);
  await ctx.transact(async (trx, events) => {
    await merchantRepository.insert(trx, row);
    await events.append(merchantEvents.created(row, caller.userId));
  });
  const view: MerchantView = toMerchantView(row, edge);
  return view;
}
