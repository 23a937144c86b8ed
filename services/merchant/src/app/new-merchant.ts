import type { PlaceCategory } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';
import { uuidv7 } from 'uuidv7';
import type { MerchantContext } from '../config';
import type { MerchantRow } from '../db/merchant.repository';
import { INITIAL_STATUS } from '../domain/merchant-status';
import { type ContactInput, MerchantFieldChecks } from './merchant-fields';
import type { Owner } from './owner-lookup';

/** A new merchant as asked for, coordinates already WGS-84. */
export interface MerchantDraft {
  legalName: string;
  brandName?: string;
  category: PlaceCategory;
  tier?: MerchantRow['tier'];
  contacts?: ContactInput[];
  address?: string;
  placeId?: string | null;
  country: string;
  location: LatLng;
  businessId: string;
  documents?: string[];
  onboardingDocuments?: Record<string, string>;
  leadId?: string | null;
}

/**
 * The row of a new merchant, its fields checked by the country policy (all problems at once, naming each field
 * under `prefix`); the owner's team and agency come with the owner.
 */
export function newMerchantRow(ctx: MerchantContext, draft: MerchantDraft, owner: Owner | null, prefix = '/body'): MerchantRow {
  const checks = new MerchantFieldChecks(ctx, draft.country, prefix);
  const businessId = checks.businessId(draft.businessId);
  const contacts = checks.contacts(draft.contacts ?? []);
  const onboardingDocuments = checks.onboardingDocuments(draft.onboardingDocuments ?? {}, draft.documents ?? []);
  checks.done();
  const at = ctx.clock.now();
  return {
    id: uuidv7(),
    legal_name: draft.legalName.trim(),
    brand_name: (draft.brandName ?? '').trim(),
    category: draft.category,
    tier: draft.tier ?? 'C',
    contacts: JSON.stringify(contacts),
    address: (draft.address ?? '').trim(),
    place_id: draft.placeId ?? null,
    country: draft.country,
    lat: draft.location.lat,
    lng: draft.location.lng,
    area_id: null,
    owner_id: owner?.id ?? null,
    org_unit_id: owner?.orgUnitId ?? null,
    agency_id: owner?.agencyId ?? null,
    business_id: businessId,
    documents: JSON.stringify(draft.documents ?? []),
    onboarding_documents: JSON.stringify(onboardingDocuments),
    lead_id: draft.leadId ?? null,
    status: INITIAL_STATUS,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}
