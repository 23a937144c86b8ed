import type { AreaEventData } from '@fieldops/contracts';
import type { LatLngBox } from '@fieldops/geo';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { reassignAreas } from '../../app/reassign-areas';
import type { MerchantDb } from '../../db/schema';

const asBox = ([minLng = 0, minLat = 0, maxLng = 0, maxLat = 0]: number[]): LatLngBox => ({ minLat, minLng, maxLat, maxLng });

function reassignWithin(boxesOf: (data: unknown) => number[][]): EventHandler<MerchantDb> {
  return async (event, trx, events, ctx) => {
    await reassignAreas(ctx, trx, events, boxesOf(event.data).map(asBox));
  };
}

/** Keeps each merchant's area current as areas are drawn, redrawn and removed. */
export const areaChangedConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.area-assignment',
  handlers: {
    'area.area.geometry-changed.v1': reassignWithin((data) => {
      const changed = data as AreaEventData<'area.area.geometry-changed.v1'>;
      return [changed.previousBbox, changed.bbox];
    }),
    'area.area.created.v1': reassignWithin((data) => [(data as AreaEventData<'area.area.created.v1'>).bbox]),
    'area.area.deleted.v1': reassignWithin((data) => [(data as AreaEventData<'area.area.deleted.v1'>).bbox]),
  },
};
