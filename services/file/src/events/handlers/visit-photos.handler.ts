import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { applyRecordDescription } from '../../app/record-links';
import type { FileDb } from '../../db/schema';

const fromSnapshot: EventHandler<FileDb, 'checkin.visit.checked-in.v1' | 'checkin.visit.checked-out.v1'> = async (
  event,
  trx,
  _events,
  ctx,
) => {
  const visit = event.data;
  await applyRecordDescription(
    trx,
    {
      recordType: 'visit',
      recordId: visit.id,
      version: visit.version,
      scope: {
        owner_id: visit.repId,
        org_unit_id: visit.orgUnitId,
        area_id: visit.areaId,
        agency_id: visit.agencyId,
        country: visit.country,
      },
      fileIds: visit.photoIds,
    },
    ctx.clock.now(),
  );
};

/** Visit photos are readable by whoever may read the visit. */
export const visitPhotosConsumer: ConsumerDefinition<FileDb> = {
  name: 'file.visit-photos',
  // Each event writes its own visit's rows only: a backlog (after a broker outage) commits in batches.
  batch: true,
  handlers: {
    'checkin.visit.checked-in.v1': fromSnapshot,
    'checkin.visit.checked-out.v1': fromSnapshot,
  },
};
