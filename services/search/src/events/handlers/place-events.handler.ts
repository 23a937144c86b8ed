import type { EventData, EventType, PlaceSnapshot } from '@fieldops/contracts';
import { areaTree } from '../../app/enrich';
import { placeDocument } from '../../domain/documents';
import { type IndexingHandler, type SearchConsumer, tracked } from '../tracked';

const snapshots =
  <T extends EventType>(placesOf: (data: EventData<T>) => PlaceSnapshot[]): IndexingHandler<T> =>
  async (event, trx, ctx, { holder }) => {
    const tree = await areaTree(ctx, trx);
    const at = Date.parse(event.time);
    const docs = placesOf(event.data).map((p) =>
      placeDocument(p, at, { ownerName: null, areaPath: tree.path(p.areaId), lastVerifiedVisitAt: null }),
    );
    await holder.put(docs);
  };

/** A merge carries the loser's snapshot. */
const place = snapshots<'poi.place.created.v1' | 'poi.place.updated.v1' | 'poi.place.merged.v1'>((snapshot) => [snapshot]);

/** Area re-assignments carry no place version: the area service's newer answer is applied as it comes. */
const areaChanged: IndexingHandler<'poi.places.area-changed.v1'> = async (event, trx, ctx, { holder }) => {
  const { changes } = event.data;
  const tree = await areaTree(ctx, trx);
  for (const change of changes) {
    await holder.patch('place', change.placeId, { areaId: change.areaId, areaPath: tree.path(change.areaId) }, null);
  }
};

/** Places (POI): single snapshots, merges (the loser's snapshot), and bulk imports of up to 250 at once. */
export const placeEventsConsumer: SearchConsumer = {
  name: 'search.places',
  handlers: {
    'poi.place.created.v1': tracked('poi', place),
    'poi.place.updated.v1': tracked('poi', place),
    'poi.place.merged.v1': tracked('poi', place),
    'poi.places.imported.v1': tracked(
      'poi',
      snapshots<'poi.places.imported.v1'>((imported) => imported.places),
    ),
    'poi.places.area-changed.v1': tracked('poi', areaChanged),
  },
};
