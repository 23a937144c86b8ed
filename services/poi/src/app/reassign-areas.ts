import { reassignAreas as reassignLocated } from '@fieldops/geo/area-assignment';
import type { EventWriter } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { PoiContext } from '../config';
import { type BoundingBox, placeRepository } from '../db/place.repository';
import type { PoiDb } from '../db/schema';
import { placeEvents } from '../events/published';

const EVERY_COUNTRY = { country: null };

/**
 * An area changed shape (or appeared, or went): every active place inside the old or new box is resolved again and
 * those whose area differs get the new one, as the area service's move preview promised, with one
 * `poi.places.area-changed.v1` event per batch. Runs as this service inside the consumer's transaction.
 */
export function reassignAreas(
  ctx: PoiContext,
  trx: Kysely<PoiDb>,
  events: EventWriter,
  causedBy: { areaId: string; version: number },
  boxes: BoundingBox[],
): Promise<number> {
  return reassignLocated(ctx, boxes, {
    inBox: (box, after, limit) => placeRepository.locationsInBox(trx, box, EVERY_COUNTRY, after, limit),
    async move(moves) {
      const changes = moves.map((m) => ({ placeId: m.record.id, areaId: m.areaId }));
      await placeRepository.setAreas(trx, changes, ctx.clock.now());
      await events.append(placeEvents.areaChanged(causedBy, changes));
    },
  });
}
