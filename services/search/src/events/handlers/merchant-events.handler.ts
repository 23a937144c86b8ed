import { enrichmentOf } from '../../app/enrich';
import { referenceRepository } from '../../db/reference.repository';
import { merchantDocument } from '../../domain/documents';
import { type IndexingHandler, type SearchConsumer, tracked } from '../tracked';

const snapshot: IndexingHandler<'merchant.merchant.created.v1' | 'merchant.merchant.updated.v1'> = async (event, trx, ctx, { holder }) => {
  const m = event.data;
  const extra = await enrichmentOf(ctx, trx, { ownerId: m.ownerId, areaId: m.areaId, merchantId: m.id });
  await holder.put([merchantDocument(m, Date.parse(event.time), extra)]);
};

const statusChanged: IndexingHandler<'merchant.merchant.status-changed.v1'> = async (event, _trx, _ctx, { holder }) => {
  const change = event.data;
  await holder.patch('merchant', change.merchantId, { status: change.to, updatedAt: Date.parse(event.time) }, change.version);
};

const ownerTransferred: IndexingHandler<'merchant.merchant.owner-transferred.v1'> = async (event, trx, _ctx, { holder }) => {
  const change = event.data;
  const owner = await referenceRepository.user(trx, change.ownerId);
  await holder.patch(
    'merchant',
    change.merchantId,
    {
      ownerId: change.ownerId,
      orgUnitId: change.orgUnitId,
      agencyId: change.agencyId,
      ownerName: owner?.name ?? null,
      updatedAt: Date.parse(event.time),
    },
    change.version,
  );
};

/** Merchants: snapshots replace the document, partial changes apply when newer. */
export const merchantEventsConsumer: SearchConsumer = {
  name: 'search.merchants',
  handlers: {
    'merchant.merchant.created.v1': tracked('merchant', snapshot),
    'merchant.merchant.updated.v1': tracked('merchant', snapshot),
    'merchant.merchant.status-changed.v1': tracked('merchant', statusChanged),
    'merchant.merchant.owner-transferred.v1': tracked('merchant', ownerTransferred),
  },
};
