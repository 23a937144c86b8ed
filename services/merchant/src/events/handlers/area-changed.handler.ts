import { areaChangeHandlers } from '@fieldops/geo/area-assignment';
import type { ConsumerDefinition, EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { reassignAreas } from '../../app/reassign-areas';
import type { MerchantContext } from '../../config';
import type { MerchantDb } from '../../db/schema';

/** Keeps each merchant's area current as areas are drawn, redrawn and removed. */
export const areaChangedConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.area-assignment',
  handlers: areaChangeHandlers(async (change, trx: Transaction<MerchantDb>, events: EventWriter, ctx: MerchantContext) => {
    await reassignAreas(ctx, trx, events, change.boxes);
  }),
};
