import type { PlaceCategory } from '@fieldops/contracts';
import type { EdgeCoordinates } from '@fieldops/geo';
import { type Access, asCaller, PreconditionFailedError, ValidationError } from '@fieldops/platform';
import type { Updateable } from 'kysely';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import type { MerchantTable } from '../db/schema';
import { merchantEvents } from '../events/published';
import { areaOf } from './area-of';
import { findMerchant } from './get-merchant';
import { type ContactInput, MerchantFieldChecks } from './merchant-fields';
import { type MerchantView, toMerchantView } from './merchant-view';

export interface UpdateMerchantInput {
  legalName?: string;
  brandName?: string;
  category?: PlaceCategory;
  tier?: 'A' | 'B' | 'C';
  contacts?: ContactInput[];
  address?: string;
  placeId?: string | null;
  /** Moving a merchant takes both, in the client's coordinate system. */
  lat?: number;
  lng?: number;
  businessId?: string;
  documents?: string[];
}

function movedTo(input: UpdateMerchantInput, edge: EdgeCoordinates) {
  if (input.lat === undefined && input.lng === undefined) return undefined;
  if (input.lat === undefined || input.lng === undefined) {
    const missing = input.lat === undefined ? 'lat' : 'lng';
    throw new ValidationError([{ field: `/body/${missing}`, message: 'is required when moving a merchant (send lat and lng together)' }]);
  }
  return edge.toStored({ lat: input.lat, lng: input.lng });
}

/** Changes a merchant's profile; `ifMatch` turns the version read into the one expected (412 otherwise). */
export async function updateMerchant(
  ctx: MerchantContext,
  access: Access,
  id: string,
  input: UpdateMerchantInput,
  edge: EdgeCoordinates,
  ifMatch: (current: number) => number,
): Promise<MerchantView> {
  const merchant = await findMerchant(ctx, access, id);
  const expected = ifMatch(Number(merchant.version));
  const checks = new MerchantFieldChecks(ctx, merchant.country);
  const businessId = input.businessId !== undefined ? checks.businessId(input.businessId) : undefined;
  const contacts = input.contacts !== undefined ? checks.contacts(input.contacts) : undefined;
  checks.done();
  const point = movedTo(input, edge);
  const changes: Updateable<MerchantTable> = {
    ...(input.legalName !== undefined ? { legal_name: input.legalName.trim() } : {}),
    ...(input.brandName !== undefined ? { brand_name: input.brandName.trim() } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.tier !== undefined ? { tier: input.tier } : {}),
    ...(contacts !== undefined ? { contacts: JSON.stringify(contacts) } : {}),
    ...(input.address !== undefined ? { address: input.address.trim() } : {}),
    ...(input.placeId !== undefined ? { place_id: input.placeId } : {}),
    ...(point ? { lat: point.lat, lng: point.lng, area_id: await areaOf(ctx, point, async () => asCaller(access.caller.token)) } : {}),
    ...(businessId !== undefined ? { business_id: businessId } : {}),
    ...(input.documents !== undefined ? { documents: JSON.stringify(input.documents) } : {}),
    updated_at: ctx.clock.now(),
  };
  const updated: MerchantRow = { ...merchant, ...changes, version: expected + 1 };
  await ctx.transact(async (trx, events) => {
    if (!(await merchantRepository.update(trx, id, expected, changes))) throw new PreconditionFailedError();
    await events.append(merchantEvents.updated(updated, access.caller.userId));
  });
  return toMerchantView(updated, edge);
}
