import type { LatLngBox } from '@fieldops/geo';
import { reassignAreas as reassignLocated } from '@fieldops/geo/area-assignment';
import type { EventWriter } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';

/**
 * An area changed shape (or appeared, or went): the merchants inside the boxes are resolved again, and each whose
 * area differs gets the new one and an `updated` event. Runs as this service in the consumer's transaction.
 */
export function reassignAreas(ctx: MerchantContext, trx: Kysely<MerchantDb>, events: EventWriter, boxes: LatLngBox[]): Promise<number> {
  return reassignLocated(ctx, boxes, {
    inBox: (box, after, limit) => merchantRepository.inBoxPage(trx, box, after, limit),
    async move(moves) {
      const at = ctx.clock.now();
      for (const { record: merchant, areaId } of moves) {
        await merchantRepository.setArea(trx, merchant.id, areaId, at);
        await events.append(merchantEvents.updated({ ...merchant, area_id: areaId, updated_at: at }, 'service:merchant'));
      }
    },
  });
}
