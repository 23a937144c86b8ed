import { type AreaChange, type AreaMove, areaMovesInBoxes, type LocatedRecord, RESOLVE_AREA_BATCH } from '@fieldops/area-client';
import type { EventWriter } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import type { PoiDb } from '../db/schema';
import { placeEvents } from '../events/published';

const EVERY_COUNTRY = { country: null };

/**
 * An area changed shape (or appeared, or went): every active place inside the old or new box is resolved again, as
 * this service, before the consumer's transaction (no transaction waits on the area service). Answers the places
 * whose area differs, as the area service's move preview promised.
 */
export function placeAreaMoves(ctx: PoiContext, change: AreaChange): Promise<AreaMove<LocatedRecord>[]> {
  return areaMovesInBoxes(ctx, change.boxes, (box, after, limit) =>
    placeRepository.locationsInBox(ctx.db, box, EVERY_COUNTRY, after, limit),
  );
}

/**
 * Inside the consumer's transaction: gives the places their new areas (those moved since keep the area their move
 * gave them), with one `poi.places.area-changed.v1` event per batch of the places that changed. Answers how many.
 */
export async function movePlaces(
  ctx: PoiContext,
  trx: Kysely<PoiDb>,
  events: EventWriter,
  change: AreaChange,
  moves: AreaMove<LocatedRecord>[],
): Promise<number> {
  const causedBy = { areaId: change.areaId, version: change.version };
  let moved = 0;
  for (let start = 0; start < moves.length; start += RESOLVE_AREA_BATCH) {
    const batch = moves.slice(start, start + RESOLVE_AREA_BATCH).map(({ record, areaId }) => ({ placeId: record.id, areaId, at: record }));
    const changes = await placeRepository.setAreas(trx, batch, ctx.clock.now());
    if (changes.length > 0) await events.append(placeEvents.areaChanged(causedBy, changes));
    moved += changes.length;
  }
  return moved;
}
