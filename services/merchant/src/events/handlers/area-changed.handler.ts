import { type AreaChangeType, areaChangeHandlers } from '@fieldops/area-client';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { merchantAreaMoves, moveMerchants } from '../../app/reassign-areas';
import type { MerchantContext } from '../../config';
import type { MerchantDb } from '../../db/schema';

/** Keeps each merchant's area current as areas are drawn, redrawn and removed: resolve first, then write. */
export const areaChangedConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.area-assignment',
  handlers: {},
  prepared: areaChangeHandlers(async (change, ctx: MerchantContext): Promise<EventHandler<MerchantDb, AreaChangeType>> => {
    const moves = await merchantAreaMoves(ctx, change.boxes);
    return async (_event, trx, events) => {
      await moveMerchants(ctx, trx, events, moves);
    };
  }),
};
