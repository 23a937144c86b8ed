import type { PlaceSnapshot, PlacesAreaChanged, PlacesImported } from '@fieldops/contracts';
import type { ConsumerDefinition } from '@fieldops/platform';
import { areaTree } from '../../app/enrich';
import type { SearchDb } from '../../db/schema';
import { placeDocument } from '../../domain/documents';
import { type IndexingHandler, tracked } from '../tracked';

const snapshots =
  (placesOf: (data: unknown) => PlaceSnapshot[]): IndexingHandler =>
  async (event, trx, ctx, { holder }) => {
    const tree = await areaTree(ctx, trx);
    const at = Date.parse(event.time);
    const docs = placesOf(event.data).map((p) =>
      placeDocument(p, at, { ownerName: null, areaPath: tree.path(p.areaId), lastVerifiedVisitAt: null }),
    );
    await holder.put(docs);
  };

/** Area re-assignments carry no place version: the area service's newer answer is applied as it comes. */
const areaChanged: IndexingHandler = async (event, trx, ctx, { holder }) => {
  const { changes } = event.data as PlacesAreaChanged;
  const tree = await areaTree(ctx, trx);
  for (const change of changes) {
    await holder.patch('place', change.placeId, { areaId: change.areaId, areaPath: tree.path(change.areaId) }, null);
  }
};

/** Places (POI): single snapshots, merges (the loser's snapshot), and bulk imports of up to 250 at once. */
export const placeEventsConsumer: ConsumerDefinition<SearchDb> = {
  name: 'search.places',
  handlers: {
    'poi.place.created.v1': tracked(
      'poi',
      snapshots((d) => [d as PlaceSnapshot]),
    ),
    'poi.place.updated.v1': tracked(
      'poi',
      snapshots((d) => [d as PlaceSnapshot]),
    ),
    'poi.place.merged.v1': tracked(
      'poi',
      snapshots((d) => [d as PlaceSnapshot]),
    ),
    'poi.places.imported.v1': tracked(
      'poi',
      snapshots((d) => (d as PlacesImported).places),
    ),
    'poi.places.area-changed.v1': tracked('poi', areaChanged),
  },
};
