import { type AreaMove, areaMovesInBoxes } from '@fieldops/area-client';
import type { LatLngBox } from '@fieldops/geo';
import type { EventWriter } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';

/**
 * An area changed shape (or appeared, or went): the merchants inside the boxes are resolved again, as this service,
 * before the consumer's transaction (no transaction waits on the area service). Answers those whose area differs.
 */
export function merchantAreaMoves(ctx: MerchantContext, boxes: LatLngBox[]): Promise<AreaMove<MerchantRow>[]> {
  return areaMovesInBoxes(ctx, boxes, (box, after, limit) => merchantRepository.inBoxPage(ctx.db, box, after, limit));
}

/**
 * Inside the consumer's transaction: each merchant still where it was resolved gets its new area and an `updated`
 * event of the row as it now is (one moved since keeps the area its move gave it). Answers how many changed.
 */
export async function moveMerchants(
  ctx: MerchantContext,
  trx: Kysely<MerchantDb>,
  events: EventWriter,
  moves: AreaMove<MerchantRow>[],
): Promise<number> {
  const at = ctx.clock.now();
  let moved = 0;
  for (const { record, areaId } of moves) {
    if (!(await merchantRepository.setArea(trx, record.id, areaId, record, at))) continue;
    const merchant = await merchantRepository.findById(trx, record.id);
    if (merchant) await events.append(merchantEvents.updated(merchant, 'service:merchant'));
    moved++;
  }
  return moved;
}
