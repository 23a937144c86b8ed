import { resolveAreaIds } from '@fieldops/area-client';
import { MAX_PLACES_PER_IMPORT_EVENT } from '@fieldops/contracts';
import type { ProgressReporter } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { type PlaceRow, placeRepository } from '../db/place.repository';
import { placeEvents } from '../events/published';
import { newPlaceRow, type PlaceDraft } from './place-fields';

/** Rows per INSERT, and per `poi.places.imported.v1` event. */
const BATCH = MAX_PLACES_PER_IMPORT_EVENT;
/** Batches per transaction: big enough to amortise the commit, small enough not to hold the writer for long. */
const BATCHES_PER_TRANSACTION = 20;

/** Sets each row's area from the area service (as this service: an import is no single user's request). */
async function locate(ctx: PoiContext, rows: PlaceRow[]): Promise<void> {
  const areaIds = await resolveAreaIds(ctx, rows, ctx.asService);
  if (!areaIds) return;
  rows.forEach((row, i) => {
    row.area_id = areaIds[i] ?? null;
  });
}

/**
 * Writes many places fast: multi-row inserts, and one `poi.places.imported.v1` event per batch (each place in full)
 * in the same transaction instead of one event per place: a million generated places are 4,000 events, not a
 * million, and consumers still see every place. Drafts must be checked already (phones in E.164).
 */
export async function importPlaces(
  ctx: PoiContext,
  drafts: Iterable<PlaceDraft>,
  actor: string,
  progress: Pick<ProgressReporter, 'tick'>,
): Promise<number> {
  let written = 0;
  let pending: PlaceRow[][] = [];
  let batch: PlaceRow[] = [];
  const flush = async () => {
    const batches = pending;
    pending = [];
    if (batches.length === 0) return;
    await locate(ctx, batches.flat());
    await ctx.transact(async (trx, events) => {
      for (const rows of batches) {
        await placeRepository.insertMany(trx, rows);
        await events.append(placeEvents.imported(rows, actor));
      }
    });
    for (const rows of batches) {
      written += rows.length;
      progress.tick(rows.length);
    }
  };
  const at = ctx.clock.now();
  for (const draft of drafts) {
    batch.push(newPlaceRow(draft, at));
    if (batch.length === BATCH) {
      pending.push(batch);
      batch = [];
      if (pending.length === BATCHES_PER_TRANSACTION) await flush();
    }
  }
  if (batch.length > 0) pending.push(batch);
  await flush();
  return written;
}
