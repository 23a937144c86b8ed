import type { EventWriter } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { PoiContext } from '../config';
import { type BoundingBox, placeRepository } from '../db/place.repository';
import type { PoiDb } from '../db/schema';
import { placeEvents } from '../events/published';
import { resolveAreaIds } from './resolve-area-ids';

const EVERY_COUNTRY = { country: null };

/** Places re-resolved per round trip and per `poi.places.area-changed.v1` event. */
const BATCH = 1000;

/**
 * An area changed shape (or appeared, or went): every active place inside the old or new box is resolved again and
 * those whose area differs get the new one, as the area service's move preview promised. Runs as this service
 * (the change was no user's request to poi) inside the consumer's transaction.
 */
export async function reassignAreas(
  ctx: PoiContext,
  trx: Kysely<PoiDb>,
  events: EventWriter,
  causedBy: { areaId: string; version: number },
  boxes: BoundingBox[],
): Promise<number> {
  let changed = 0;
  for (const box of boxes) {
    let after: string | undefined;
    for (;;) {
      const places = await placeRepository.locationsInBox(trx, box, EVERY_COUNTRY, after, BATCH);
      if (places.length === 0) break;
      after = places[places.length - 1]?.id;
      const areaIds = await resolveAreaIds(ctx, places, ctx.asService);
      if (!areaIds) return changed;
      const changes = places.flatMap((place, i) => {
        const areaId = areaIds[i] ?? null;
        return areaId === place.area_id ? [] : [{ placeId: place.id, areaId }];
      });
      if (changes.length > 0) {
        await placeRepository.setAreas(trx, changes, ctx.clock.now());
        await events.append(placeEvents.areaChanged(causedBy, changes));
        changed += changes.length;
      }
      if (places.length < BATCH) break;
    }
  }
  return changed;
}
