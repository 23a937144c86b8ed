import { areaChangeHandlers } from '@fieldops/geo/area-assignment';
import type { ConsumerDefinition, EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { reassignAreas } from '../../app/reassign-areas';
import type { LeadsContext } from '../../config';
import type { LeadsDb } from '../../db/schema';

/** Keeps each lead's area current as areas are drawn, redrawn and removed (the pool's area scope depends on it). */
export const areaChangedConsumer: ConsumerDefinition<LeadsDb> = {
  name: 'leads.area-assignment',
  handlers: areaChangeHandlers(async (change, trx: Transaction<LeadsDb>, _events: EventWriter, ctx: LeadsContext) => {
    await reassignAreas(ctx, trx, change.boxes);
  }),
};
