import type { MerchantEventData, MerchantEventType, MerchantStatus } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import { merchantSnapshot } from '../app/merchant-view';
import type { MerchantRow } from '../db/merchant.repository';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
function event<T extends MerchantEventType>(
  type: T,
  subject: string,
  data: MerchantEventData<T>,
  country: string | undefined,
  actor: string,
) {
  const built: NewEvent<MerchantEventData<T>> = { type, subject, data, ...(country ? { country } : {}), actor };
  return built;
}

export const merchantEvents = {
  created: (row: MerchantRow, actor: string) => event('merchant.merchant.created.v1', row.id, merchantSnapshot(row), row.country, actor),
  updated: (row: MerchantRow, actor: string) => event('merchant.merchant.updated.v1', row.id, merchantSnapshot(row), row.country, actor),
  statusChanged: (row: MerchantRow, from: MerchantStatus, reason: string, actor: string) =>
    event(
      'merchant.merchant.status-changed.v1',
      row.id,
      { merchantId: row.id, by: actor, from, to: row.status, reason, version: Number(row.version) },
      row.country,
      actor,
    ),
  ownerTransferred: (row: MerchantRow, previousOwnerId: string | null, ownerId: string, reason: string, actor: string) =>
    event(
      'merchant.merchant.owner-transferred.v1',
      row.id,
      {
        merchantId: row.id,
        by: actor,
        previousOwnerId,
        ownerId,
        orgUnitId: row.org_unit_id,
        agencyId: row.agency_id,
        reason,
        version: Number(row.version),
      },
      row.country,
      actor,
    ),
  /** The subject is the lead: no merchant was made. */
  conversionRejected: (leadId: string, reasons: string[], country: string, actor: string) =>
    event('merchant.conversion.rejected.v1', leadId, { leadId, reasons }, country, actor),
};
