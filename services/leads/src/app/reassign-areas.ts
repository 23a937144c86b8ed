import type { LatLngBox } from '@fieldops/geo';
import { reassignAreas as reassignLocated } from '@fieldops/geo/area-assignment';
import type { Kysely } from 'kysely';
import type { LeadsContext } from '../config';
import { leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';

/**
 * An area changed shape (or appeared, or went): the leads inside the boxes are resolved again and those whose area
 * differs get the new one (derived data: no event, no version bump). Runs inside the consumer's transaction.
 */
export function reassignAreas(ctx: LeadsContext, trx: Kysely<LeadsDb>, boxes: LatLngBox[]): Promise<number> {
  return reassignLocated(ctx, boxes, {
    inBox: (box, after, limit) => leadRepository.locationsInBox(trx, box, after, limit),
    move: (moves) =>
      leadRepository.setAreas(
        trx,
        moves.map((m) => ({ leadId: m.record.id, areaId: m.areaId })),
        ctx.clock.now(),
      ),
  });
}
