import type { Kysely } from 'kysely';
import type { LeadsContext } from '../config';
import { type BoundingBox, leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import { resolveAreaIds } from './resolve-area-ids';

/** Leads re-resolved per round trip. */
const BATCH = 1000;

/**
 * An area changed shape (or appeared, or went): every lead inside the old or new box is resolved again and those
 * whose area differs get the new one. Runs as this service (no user asked) inside the consumer's transaction.
 */
export async function reassignAreas(ctx: LeadsContext, trx: Kysely<LeadsDb>, boxes: BoundingBox[]): Promise<number> {
  let changed = 0;
  for (const box of boxes) {
    let after: string | undefined;
    for (;;) {
      const leads = await leadRepository.locationsInBox(trx, box, after, BATCH);
      if (leads.length === 0) break;
      after = leads[leads.length - 1]?.id;
      const areaIds = await resolveAreaIds(ctx, leads, ctx.asService);
      if (!areaIds) return changed;
      const changes = leads.flatMap((lead, i) => {
        const areaId = areaIds[i] ?? null;
        return areaId === lead.area_id ? [] : [{ leadId: lead.id, areaId }];
      });
      await leadRepository.setAreas(trx, changes, ctx.clock.now());
      changed += changes.length;
      if (leads.length < BATCH) break;
    }
  }
  return changed;
}
