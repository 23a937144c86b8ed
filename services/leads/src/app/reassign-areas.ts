import { type AreaMove, areaMovesInBoxes } from '@fieldops/area-client';
import type { LatLngBox } from '@fieldops/geo';
import type { Kysely } from 'kysely';
import type { LeadsContext } from '../config';
import { type LeadLocation, leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';

/**
 * An area changed shape (or appeared, or went): the leads inside the boxes are resolved again, as this service,
 * before the consumer's transaction (no transaction waits on the area service). Answers those whose area differs.
 */
export function leadAreaMoves(ctx: LeadsContext, boxes: LatLngBox[]): Promise<AreaMove<LeadLocation>[]> {
  return areaMovesInBoxes(ctx, boxes, (box, after, limit) => leadRepository.locationsInBox(ctx.db, box, after, limit));
}

/**
 * Inside the consumer's transaction: gives the leads their new areas (derived data: no event, no version bump); a
 * lead moved since keeps the area its move gave it. Answers how many changed.
 */
export function moveLeads(ctx: LeadsContext, trx: Kysely<LeadsDb>, moves: AreaMove<LeadLocation>[]): Promise<number> {
  return leadRepository.setAreas(
    trx,
    moves.map(({ record, areaId }) => ({ leadId: record.id, areaId, at: record })),
    ctx.clock.now(),
  );
}
