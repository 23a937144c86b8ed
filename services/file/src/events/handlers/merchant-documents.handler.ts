import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { applyRecordDescription } from '../../app/record-links';
import type { FileDb } from '../../db/schema';

const fromSnapshot: EventHandler<FileDb, 'merchant.merchant.created.v1' | 'merchant.merchant.updated.v1'> = async (
  event,
  trx,
  _events,
  ctx,
) => {
  const merchant = event.data;
  await applyRecordDescription(
    trx,
    {
      recordType: 'merchant',
      recordId: merchant.id,
      version: merchant.version,
      scope: {
        owner_id: merchant.ownerId,
        org_unit_id: merchant.orgUnitId,
        area_id: merchant.areaId,
        agency_id: merchant.agencyId,
        country: merchant.country,
      },
      fileIds: merchant.documents,
    },
    ctx.clock.now(),
  );
};

const fromTransfer: EventHandler<FileDb, 'merchant.merchant.owner-transferred.v1'> = async (event, trx, _events, ctx) => {
  const transfer = event.data;
  await applyRecordDescription(
    trx,
    {
      recordType: 'merchant',
      recordId: transfer.merchantId,
      version: transfer.version,
      // The transfer does not repeat the area: the merchant stays where it is.
      scope: { owner_id: transfer.ownerId, org_unit_id: transfer.orgUnitId, agency_id: transfer.agencyId, country: event.country },
    },
    ctx.clock.now(),
  );
};

/** Merchant documents are readable by whoever may read the merchant. */
export const merchantDocumentsConsumer: ConsumerDefinition<FileDb> = {
  name: 'file.merchant-documents',
  handlers: {
    'merchant.merchant.created.v1': fromSnapshot,
    'merchant.merchant.updated.v1': fromSnapshot,
    'merchant.merchant.owner-transferred.v1': fromTransfer,
  },
};
