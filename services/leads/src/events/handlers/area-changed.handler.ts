import type { AreaEventData } from '@fieldops/contracts';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { reassignAreas } from '../../app/reassign-areas';
import type { BoundingBox } from '../../db/lead.repository';
import type { LeadsDb } from '../../db/schema';

const asBox = ([minLng = 0, minLat = 0, maxLng = 0, maxLat = 0]: number[]): BoundingBox => ({ minLat, minLng, maxLat, maxLng });

/** Re-resolves the leads within the boxes one kind of area event names. */
function reassignWithin(boxesOf: (data: unknown) => number[][]): EventHandler<LeadsDb> {
  return async (event, trx, _events, ctx) => {
    await reassignAreas(ctx, trx, boxesOf(event.data).map(asBox));
  };
}

/** Keeps each lead's area current as areas are drawn, redrawn and removed (the pool's area scope depends on it). */
export const areaChangedConsumer: ConsumerDefinition<LeadsDb> = {
  name: 'leads.area-assignment',
  handlers: {
    'area.area.geometry-changed.v1': reassignWithin((data) => {
      const changed = data as AreaEventData<'area.area.geometry-changed.v1'>;
      return [changed.previousBbox, changed.bbox];
    }),
    'area.area.created.v1': reassignWithin((data) => [(data as AreaEventData<'area.area.created.v1'>).bbox]),
    'area.area.deleted.v1': reassignWithin((data) => [(data as AreaEventData<'area.area.deleted.v1'>).bbox]),
  },
};
