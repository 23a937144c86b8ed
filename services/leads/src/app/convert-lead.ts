import type { ConversionMerchant } from '@fieldops/contracts';
import { type Access, ConflictError, ForbiddenError, ValidationError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import type { LeadRow } from '../db/lead.repository';
import { leadEvents } from '../events/published';
import { writeLead } from './ownership';
import { visibleLead } from './visible-lead';

export interface ConvertLeadInput {
  legalName: string;
  businessId: string;
  brandName?: string;
  contactName?: string;
  phone?: string;
  placeId?: string | null;
}

/**
 * Asks the merchant service, by event in the same transaction, to create the merchant of a won lead. The lead stays
 * `won` with conversion `requested` until the merchant's created (or rejected) event answers.
 */
export async function convertLead(ctx: LeadsContext, access: Access, id: string, input: ConvertLeadInput): Promise<LeadRow> {
  const { caller } = access;
  const lead = await visibleLead(ctx, access, id);
  if (lead.owner_id !== caller.userId && (access.scope.scope === 'self' || lead.owner_id === null)) {
    throw new ForbiddenError('Only the rep holding the lead, or their manager, converts it.');
  }
  if (lead.stage !== 'won') throw new ConflictError('Only a won lead can be converted.', [], { code: 'not-won' });
  if (lead.conversion_status === 'requested' || lead.conversion_status === 'converted') {
    throw new ConflictError(`The conversion is already ${lead.conversion_status}.`, [], { code: `conversion-${lead.conversion_status}` });
  }
  const policy = ctx.countries.get(lead.country);
  let phone = lead.phone;
  if (input.phone !== undefined) {
    const parsed = policy.parsePhone(input.phone);
    if (!parsed.ok) throw new ValidationError([{ field: '/body/phone', message: parsed.reason }]);
    phone = parsed.e164;
  }
  if (phone === null) throw new ValidationError([{ field: '/body/phone', message: 'is required: the lead has no phone' }]);
  const merchant: ConversionMerchant = {
    legalName: input.legalName.trim(),
    brandName: input.brandName ?? lead.name,
    category: lead.category,
    businessId: input.businessId.trim(),
    phone,
    contactName: input.contactName ?? '',
    address: lead.address,
    lat: lead.lat,
    lng: lead.lng,
    placeId: input.placeId ?? null,
    ownerId: lead.owner_id ?? caller.userId,
  };
  const now = ctx.clock.now();
  return ctx.transact(async (trx, events) => {
    const after = await writeLead(trx, lead, { conversion_status: 'requested', conversion_reason: null }, now);
    await events.append(leadEvents.conversionRequested(after, merchant, caller.userId));
    return after;
  });
}
