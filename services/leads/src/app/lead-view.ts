import type { EdgeCoordinates } from '@fieldops/geo';
import type { LeadRow } from '../db/lead.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public pool shows a masked phone until someone claims the lead: the one rule for REST and RPC alike. */
export function isPhoneMasked(row: LeadRow): boolean {
  return row.owner_id === null;
}

/** The phone as the caller may see it: masked while the lead is in the public pool. */
export function shownPhone(row: LeadRow): string | null {
  return isPhoneMasked(row) ? row.phone_masked : row.phone;
}

/**
 * The API's view of a lead: in the public pool the phone is masked until someone claims it; the coordinates are in
 * the client's system (named in `coords`), WGS-84 when no edge is given.
 */
export function toLeadView(row: LeadRow, edge?: EdgeCoordinates) {
  const masked = isPhoneMasked(row);
  const point = edge ? edge.toClient({ lat: row.lat, lng: row.lng }) : { lat: row.lat, lng: row.lng };
  return {
    id: row.id,
    name: row.name,
    phone: shownPhone(row),
    phoneMasked: masked && row.phone !== null,
    address: row.address,
    category: row.category,
    lat: point.lat,
    lng: point.lng,
    coords: edge?.system ?? 'WGS84',
    country: row.country,
    areaId: row.area_id,
    ownerId: row.owner_id,
    orgUnitId: row.org_unit_id,
    agencyId: row.agency_id,
    pool: row.pool,
    stage: row.stage,
    protectedUntil: iso(row.protected_until),
    claimedAt: iso(row.claimed_at),
    nextFollowUpAt: iso(row.next_follow_up_at),
    duplicateOf: row.duplicate_of,
    merchantId: row.merchant_id,
    conversionStatus: row.conversion_status,
    conversionReason: row.conversion_reason,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export type LeadView = ReturnType<typeof toLeadView>;
