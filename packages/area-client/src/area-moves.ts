import type { LatLng, LatLngBox } from '@fieldops/geo';
import { type AreaServiceReach, type CallAs, RESOLVE_AREA_BATCH, resolveAreaIds } from './area-client';

/** A record on the map and the area it is in now. */
export interface LocatedRecord extends LatLng {
  id: string;
  area_id: string | null;
}

/** A record whose area is no longer the stored one. */
export interface AreaMove<T extends LocatedRecord> {
  record: T;
  areaId: string | null;
}

/** Records inside a box, in id order after `after` (read outside any transaction). */
export type RecordsInBox<T extends LocatedRecord> = (box: LatLngBox, after: string | undefined, limit: number) => Promise<T[]>;

/**
 * Resolves again every record inside the boxes, a page per round trip, as the owning service (no user asked), and
 * answers those whose area differs. It runs before the owner's transaction, so the owner writes each move only if
 * the record still stands where it was resolved (a record moved since got its area from that move). A record in
 * two boxes is resolved once; nothing moves when the area service is not reachable.
 */
export async function areaMovesInBoxes<T extends LocatedRecord>(
  ctx: AreaServiceReach & { asService: CallAs },
  boxes: LatLngBox[],
  inBox: RecordsInBox<T>,
): Promise<AreaMove<T>[]> {
  const moves: AreaMove<T>[] = [];
  const seen = new Set<string>();
  for (const box of boxes) {
    let after: string | undefined;
    for (;;) {
      const page = await inBox(box, after, RESOLVE_AREA_BATCH);
      after = page.at(-1)?.id;
      const batch = page.filter((record) => !seen.has(record.id));
      for (const record of batch) seen.add(record.id);
      const areaIds = await resolveAreaIds(ctx, batch, ctx.asService);
      if (!areaIds) return moves;
      batch.forEach((record, i) => {
        const areaId = areaIds[i] ?? null;
        if (areaId !== record.area_id) moves.push({ record, areaId });
      });
      if (page.length < RESOLVE_AREA_BATCH) break;
    }
  }
  return moves;
}
