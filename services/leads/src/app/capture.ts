import type { PlaceCategory } from '@fieldops/contracts';
import { normalisePlaceName } from '@fieldops/geo';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import { h3Columns, type LeadRow } from '../db/lead.repository';
import type { Ownership } from '../domain/lead-pool';
import { allDuplicates, type DuplicateCandidate, findDuplicates, merchantDuplicates } from './find-duplicates';
import { merchantsNear, type NearMerchant } from './merchants-near';

/** What every entry path (the API, CSV import, partners) captures; coordinates are WGS-84. */
export interface CreateLeadInput {
  name: string;
  phone?: string | null;
  address?: string;
  category: PlaceCategory;
  lat: number;
  lng: number;
}

export type PhoneCheck = { ok: true; e164: string | null } | { ok: false; reason: string };

/** The phone in E.164 through the country policy; an empty one is no phone. */
export function checkPhone(ctx: LeadsContext, country: string, input: string | null | undefined): PhoneCheck {
  if (input === undefined || input === null || input.trim() === '') return { ok: true, e164: null };
  const parsed = ctx.countries.get(country).parsePhone(input);
  return parsed.ok ? { ok: true, e164: parsed.e164 } : { ok: false, reason: parsed.reason };
}

/** A capture checked for duplicates: `strong` blocks it (the existing lead is the one), the best weak one is flagged. */
export interface CheckedCapture {
  name: string;
  phone: string | null;
  candidates: DuplicateCandidate[];
  strong: DuplicateCandidate[];
}

/**
 * The duplicate check of every entry path: against the stored leads of the country and the merchants near the point
 * (name, phone, distance). `merchants` are those near the point when the caller fetched them for a whole batch.
 */
export async function checkCapture(
  ctx: LeadsContext,
  country: string,
  input: Pick<CreateLeadInput, 'name' | 'lat' | 'lng'>,
  phone: string | null,
  merchants?: NearMerchant[],
): Promise<CheckedCapture> {
  const name = input.name.trim();
  const described = { name, phone, country, lat: input.lat, lng: input.lng };
  // The stored leads and the merchant service are asked at once: on a network, two waits become one.
  const [leads, near] = await Promise.all([
    findDuplicates(ctx, described),
    merchants ?? merchantsNear(ctx, [input]).then((found) => found[0] ?? []),
  ]);
  const candidates = allDuplicates(leads, merchantDuplicates(described, near));
  return { name, phone, candidates, strong: candidates.filter((c) => c.strength === 'strong') };
}

export interface NewLeadFacts {
  /** A new id unless given. */
  id?: string | undefined;
  country: string;
  ownership: Ownership;
  orgUnitId: string | null;
  agencyId: string | null;
  areaId: string | null;
  duplicateOf: string | null;
  now: number;
}

/** The row a capture writes. */
export function newLeadRow(
  ctx: LeadsContext,
  checked: Pick<CheckedCapture, 'name' | 'phone'>,
  input: CreateLeadInput,
  facts: NewLeadFacts,
): LeadRow {
  const { name, phone } = checked;
  const { ownership, now } = facts;
  return {
    id: facts.id ?? uuidv7(),
    name,
    name_key: normalisePlaceName(name),
    phone,
    phone_masked: phone === null ? null : ctx.countries.get(facts.country).maskPhone(phone),
    address: input.address ?? '',
    category: input.category,
    lat: input.lat,
    lng: input.lng,
    ...h3Columns(input),
    area_id: facts.areaId,
    country: facts.country,
    owner_id: ownership.ownerId,
    org_unit_id: facts.orgUnitId,
    agency_id: facts.agencyId,
    pool: ownership.pool,
    stage: 'new',
    protected_until: ownership.protectedUntil,
    claimed_at: ownership.claimedAt,
    warned_for: null,
    next_follow_up_at: null,
    duplicate_of: facts.duplicateOf,
    merchant_id: null,
    conversion_status: 'none',
    conversion_reason: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}
