import type { AreaEventData } from '@fieldops/contracts';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { reassignAreas } from '../../app/reassign-areas';
import type { BoundingBox } from '../../db/place.repository';
import type { PoiDb } from '../../db/schema';

const asBox = ([minLng = 0, minLat = 0, maxLng = 0, maxLat = 0]: number[]): BoundingBox => ({ minLat, minLng, maxLat, maxLng });

/** The boxes whose places may have changed area, read from one kind of area event. */
function reassignWithin(boxesOf: (data: unknown) => { areaId: string; version: number; boxes: number[][] }): EventHandler<PoiDb> {
  return async (event, trx, events, ctx) => {
    const { areaId, version, boxes } = boxesOf(event.data);
    await reassignAreas(ctx, trx, events, { areaId, version }, boxes.map(asBox));
  };
}

/** Keeps each place's area current as areas are drawn, redrawn and removed. */
export const areaChangedConsumer: ConsumerDefinition<PoiDb> = {
  name: 'poi.area-assignment',
  handlers: {
    'area.area.geometry-changed.v1': reassignWithin((data) => {
      const changed = data as AreaEventData<'area.area.geometry-changed.v1'>;
      return { areaId: changed.areaId, version: changed.version, boxes: [changed.previousBbox, changed.bbox] };
    }),
    'area.area.created.v1': reassignWithin((data) => {
      const area = data as AreaEventData<'area.area.created.v1'>;
      return { areaId: area.id, version: area.version, boxes: [area.bbox] };
    }),
    'area.area.deleted.v1': reassignWithin((data) => {
      const area = data as AreaEventData<'area.area.deleted.v1'>;
      return { areaId: area.id, version: area.version, boxes: [area.bbox] };
    }),
  },
};
