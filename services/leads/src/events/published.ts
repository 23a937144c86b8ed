import type { ConversionMerchant, LeadSnapshot, LeadsEventData, LeadsEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import type { LeadRow } from '../db/lead.repository';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. The subject is the lead. */
function event<T extends LeadsEventType>(type: T, lead: LeadRow, data: LeadsEventData<T>, actor: string | null) {
  const built: NewEvent<LeadsEventData<T>> = { type, subject: lead.id, data, country: lead.country, actor: actor ?? 'service:leads' };
  return built;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function leadSnapshot(row: LeadRow): LeadSnapshot {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    address: row.address,
    category: row.category,
    lat: row.lat,
    lng: row.lng,
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
    version: row.version,
  };
}

/** `after` is the row as written; `previousOwnerId` who held it before. */
function ownership(after: LeadRow, previousOwnerId: string | null, by: string | null) {
  return {
    leadId: after.id,
    by,
    previousOwnerId,
    ownerId: after.owner_id,
    protectedUntil: iso(after.protected_until),
    version: after.version,
  };
}

export const leadEvents = {
  created: (row: LeadRow, actor: string) => event('leads.lead.created.v1', row, leadSnapshot(row), actor),
  claimed: (row: LeadRow, actor: string) => event('leads.lead.claimed.v1', row, ownership(row, null, actor), actor),
  released: (row: LeadRow, previous: string, actor: string) => event('leads.lead.released.v1', row, ownership(row, previous, actor), actor),
  assigned: (row: LeadRow, previous: string | null, actor: string) =>
    event('leads.lead.assigned.v1', row, ownership(row, previous, actor), actor),
  recycled: (row: LeadRow, previous: string) => event('leads.lead.recycled.v1', row, ownership(row, previous, null), null),
  stageChanged: (row: LeadRow, from: LeadRow['stage'], actor: string) =>
    event('leads.lead.stage-changed.v1', row, { leadId: row.id, by: actor, from, to: row.stage, version: row.version }, actor),
  followedUp: (row: LeadRow, kind: LeadsEventData<'leads.lead.followed-up.v1'>['kind'], note: string, actor: string) =>
    event(
      'leads.lead.followed-up.v1',
      row,
      {
        leadId: row.id,
        by: actor,
        kind,
        note,
        nextFollowUpAt: iso(row.next_follow_up_at),
        protectedUntil: iso(row.protected_until),
        version: row.version,
      },
      actor,
    ),
  recycleWarning: (row: LeadRow, ownerId: string, protectedUntil: number) =>
    event('leads.lead.recycle-warning.v1', row, { leadId: row.id, ownerId, protectedUntil: new Date(protectedUntil).toISOString() }, null),
  conversionRequested: (row: LeadRow, merchant: ConversionMerchant, actor: string) =>
    event('leads.lead.conversion-requested.v1', row, { leadId: row.id, requestedBy: actor, country: row.country, merchant }, actor),
  converted: (row: LeadRow, merchantId: string) => event('leads.lead.converted.v1', row, { leadId: row.id, merchantId }, null),
  conversionReverted: (row: LeadRow, reasons: string[]) =>
    event('leads.lead.conversion-reverted.v1', row, { leadId: row.id, reasons }, null),
};
