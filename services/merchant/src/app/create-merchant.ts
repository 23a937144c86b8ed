import type { PlaceCategory } from '@fieldops/contracts';
import { isSupportedCountry } from '@fieldops/countries';
import type { EdgeCoordinates } from '@fieldops/geo';
import { type Access, asCaller, UnprocessableError, ValidationError } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import { merchantEvents } from '../events/published';
import { areaOf } from './area-of';
import { assertNotDuplicate } from './merchant-duplicates';
import type { ContactInput } from './merchant-fields';
import { checkMerchantReferences } from './merchant-references';
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
  /** Which document is which of the country's onboarding documents: kind → a file id among `documents`. */
  onboardingDocuments?: Record<string, string>;
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
  if (owner.country !== country) {
    throw new UnprocessableError('The owner works in another country.', [
      { field: '/body/ownerId', message: `is a user in ${owner.country}; the merchant is in ${country}` },
    ]);
  }
  const { placeId } = await checkMerchantReferences(ctx, { country, placeId: input.placeId, documents: input.documents }, callAs);
  const location = edge.toStored({ lat: input.lat, lng: input.lng });
  const row = newMerchantRow(ctx, { ...input, placeId, country, location }, owner);
  await assertNotDuplicate(ctx, scope, row);
  row.area_id = await areaOf(ctx, row, callAs, country);
  await ctx.transact(async (trx, events) => {
    await merchantRepository.insert(trx, row);
    await events.append(merchantEvents.created(row, caller.userId));
  });
  const view: MerchantView = toMerchantView(row, edge);
  return view;
}
