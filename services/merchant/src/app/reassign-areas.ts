import type { LatLngBox } from '@fieldops/geo';
import type { EventWriter } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';
import { resolveAreaIds } from './resolve-area-id';

/**
 * An area changed shape (or appeared, or went): every merchant inside the old or new box is resolved again, and
 * each whose area differs gets the new one and an `updated` event. Runs as this service in the consumer's
 * transaction.
 */
export async function reassignAreas(
  ctx: MerchantContext,
  trx: Kysely<MerchantDb>,
  events: EventWriter,
  boxes: LatLngBox[],
): Promise<number> {
  let changed = 0;
  for (const box of boxes) {
    const merchants = await merchantRepository.inBox(trx, box, undefined, undefined);
    const areaIds = await resolveAreaIds(ctx, merchants, ctx.asService);
    if (!areaIds) return changed;
    const at = ctx.clock.now();
    for (const [i, merchant] of merchants.entries()) {
      const areaId = areaIds[i] ?? null;
      if (areaId === merchant.area_id) continue;
      await merchantRepository.setArea(trx, merchant.id, areaId, at);
      await events.append(merchantEvents.updated({ ...merchant, area_id: areaId, updated_at: at }, 'service:merchant'));
      changed++;
    }
  }
  return changed;
}
