import { resolveAreaIds } from '@fieldops/area-client';
import type { LeadConversionRequested } from '@fieldops/contracts';
import { AppError, type EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';
import { newMerchantRow } from './new-merchant';
import { ownerOf } from './owner-lookup';

export type ConversionOutcome = { kind: 'created' | 'existing'; merchantId: string } | { kind: 'rejected'; reasons: string[] };

const reasonsOf = (error: AppError) => (error.errors.length > 0 ? error.errors.map((e) => `${e.field} ${e.message}`) : [error.message]);

/** The area of the lead's point, asked as this service before the consumer's transaction opens. */
export async function areaOfConversion(ctx: MerchantContext, request: LeadConversionRequested): Promise<string | null> {
  const { lat, lng } = request.merchant;
  return (await resolveAreaIds(ctx, [{ lat, lng }], ctx.asService))?.[0] ?? null;
}

/**
 * The merchant side of the conversion saga, inside the consumer's transaction: creates the merchant once per lead
 * (a redelivery finds it by lead id and publishes nothing), or answers `merchant.conversion.rejected.v1` with the
 * reasons when the lead's data cannot make a merchant. Runs as this service: no user asked for it.
 */
export async function convertLead(
  ctx: MerchantContext,
  trx: Transaction<MerchantDb>,
  events: EventWriter,
  request: LeadConversionRequested,
  areaId: string | null,
  actor: string,
): Promise<ConversionOutcome> {
  const existing = await merchantRepository.findByLeadId(trx, request.leadId);
  if (existing) return { kind: 'existing', merchantId: existing.id };
  const { merchant } = request;
  try {
    const owner = await ownerOf(ctx, merchant.ownerId, ctx.asService, '/merchant/ownerId');
    const draft = {
      legalName: merchant.legalName,
      brandName: merchant.brandName,
      category: merchant.category,
      contacts: [{ name: merchant.contactName, role: 'owner', phone: merchant.phone }],
      address: merchant.address,
      placeId: merchant.placeId,
      country: request.country,
      location: { lat: merchant.lat, lng: merchant.lng },
      businessId: merchant.businessId,
      leadId: request.leadId,
    };
    const row = newMerchantRow(ctx, draft, owner, '/merchant');
    row.area_id = areaId;
    await merchantRepository.insert(trx, row);
    await events.append(merchantEvents.created(row, actor));
    return { kind: 'created', merchantId: row.id };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const reasons = reasonsOf(error);
    await events.append(merchantEvents.conversionRejected(request.leadId, reasons, request.country, actor));
    return { kind: 'rejected', reasons };
  }
}
