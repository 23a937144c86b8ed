import { areaChangeHandlers } from '@fieldops/geo/area-assignment';
import type { ConsumerDefinition, EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { reassignAreas } from '../../app/reassign-areas';
import type { PoiContext } from '../../config';
import type { PoiDb } from '../../db/schema';

/** Keeps each place's area current as areas are drawn, redrawn and removed. */
export const areaChangedConsumer: ConsumerDefinition<PoiDb> = {
  name: 'poi.area-assignment',
  handlers: areaChangeHandlers(async (change, trx: Transaction<PoiDb>, events: EventWriter, ctx: PoiContext) => {
    await reassignAreas(ctx, trx, events, { areaId: change.areaId, version: change.version }, change.boxes);
  }),
};
