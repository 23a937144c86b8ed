import { type AreaChangeType, areaChangeHandlers } from '@fieldops/area-client';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { movePlaces, placeAreaMoves } from '../../app/reassign-areas';
import type { PoiContext } from '../../config';
import type { PoiDb } from '../../db/schema';

/** Keeps each place's area current as areas are drawn, redrawn and removed: resolve first, then write. */
export const areaChangedConsumer: ConsumerDefinition<PoiDb> = {
  name: 'poi.area-assignment',
  handlers: {},
  prepared: areaChangeHandlers(async (change, ctx: PoiContext): Promise<EventHandler<PoiDb, AreaChangeType>> => {
    const moves = await placeAreaMoves(ctx, change);
    return async (_event, trx, events) => {
      await movePlaces(ctx, trx, events, change, moves);
    };
  }),
};
