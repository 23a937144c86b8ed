import { type AreaChangeType, areaChangeHandlers } from '@fieldops/area-client';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { leadAreaMoves, moveLeads } from '../../app/reassign-areas';
import type { LeadsContext } from '../../config';
import type { LeadsDb } from '../../db/schema';

/**
 * Keeps each lead's area current as areas are drawn, redrawn and removed (the pool's area scope depends on it):
 * resolve first, then write.
 */
export const areaChangedConsumer: ConsumerDefinition<LeadsDb> = {
  name: 'leads.area-assignment',
  handlers: {},
  prepared: areaChangeHandlers(async (change, ctx: LeadsContext): Promise<EventHandler<LeadsDb, AreaChangeType>> => {
    const moves = await leadAreaMoves(ctx, change.boxes);
    return async (_event, trx) => {
      await moveLeads(ctx, trx, moves);
    };
  }),
};
