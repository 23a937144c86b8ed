import type { EventData, EventType, VisitSnapshot } from '@fieldops/contracts';
import { enrichmentOf } from '../../app/enrich';
import { referenceRepository } from '../../db/reference.repository';
import { isVerifiedVisit, visitDocument } from '../../domain/documents';
import { type IndexingHandler, type SearchConsumer, tracked } from '../tracked';

/**
 * Every checkin event carries the whole visit. A verified (or approved) visit at a merchant also moves that
 * merchant's "last verified visit", kept in search's own table so that a visit arriving first is not lost.
 */
const visit =
  <T extends EventType>(visitOf: (data: EventData<T>) => VisitSnapshot): IndexingHandler<T> =>
  async (event, trx, ctx, { holder }) => {
    const v = visitOf(event.data);
    const extra = await enrichmentOf(ctx, trx, { ownerId: v.repId, areaId: v.areaId });
    await holder.put([visitDocument(v, Date.parse(event.time), extra)]);
    if (v.targetType !== 'merchant' || !isVerifiedVisit(v)) return;
    const latest = await referenceRepository.recordVerifiedVisit(trx, ctx.dialect, v.targetId, Date.parse(v.checkedInAt));
    await holder.patch('merchant', v.targetId, { lastVerifiedVisitAt: latest }, null);
  };

const snapshot = visit<'checkin.visit.checked-in.v1' | 'checkin.visit.checked-out.v1' | 'checkin.visit.flagged.v1'>((v) => v);

export const visitEventsConsumer: SearchConsumer = {
  name: 'search.visits',
  handlers: {
    'checkin.visit.checked-in.v1': tracked('checkin', snapshot),
    'checkin.visit.checked-out.v1': tracked('checkin', snapshot),
    'checkin.visit.flagged.v1': tracked('checkin', snapshot),
    'checkin.visit.reviewed.v1': tracked(
      'checkin',
      visit<'checkin.visit.reviewed.v1'>((reviewed) => reviewed.visit),
    ),
  },
};
