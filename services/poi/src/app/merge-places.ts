import type { EdgeCoordinates } from '@fieldops/geo';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableError } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { type PlaceRow, placeRepository } from '../db/place.repository';
import type { PlaceAccess } from '../domain/place-scope';
import { inScope } from '../domain/place-scope';
import { placeEvents } from '../events/published';
import { type PlaceView, toPlaceView } from './place-view';

export interface MergeResult {
  winner: PlaceView;
  loser: PlaceView;
}

/**
 * Merges a duplicate (the loser) into the place that stays (the winner): the loser becomes `merged`, points at the
 * winner and leaves nearby results; both stay readable. Both rows are locked while checked, so two opposite merges
 * cannot each succeed and point the places at one another. `loserVersion`, when given, must be the loser's current
 * version (412 otherwise).
 */
export async function mergePlaces(
  ctx: PoiContext,
  { caller, scope }: PlaceAccess,
  winnerId: string,
  loserId: string,
  loserVersion: number | undefined,
  edge: EdgeCoordinates,
): Promise<MergeResult> {
  if (winnerId === loserId) {
    throw new UnprocessableError('A place cannot be merged into itself.', [{ field: '/body/loserId', message: 'is the winner itself' }]);
  }
  const [winner, loser] = await ctx.transact(async (trx, events) => {
    const rows = await placeRepository.lockPair(trx, ctx.dialect, [winnerId, loserId]);
    const visible = (id: string) => rows.find((r) => r.id === id && inScope(scope, r.country));
    const winnerRow = visible(winnerId);
    if (!winnerRow) throw new NotFoundError('Place');
    const loserRow = visible(loserId);
    if (!loserRow)
      throw new UnprocessableError('The place to merge does not exist.', [
        { field: '/body/loserId', message: 'is not a place you can see' },
      ]);
    if (winnerRow.status !== 'active') {
      throw new ConflictError(`The winner was itself merged into ${winnerRow.merged_into}; merge into that one.`, [], {
        mergedInto: winnerRow.merged_into,
      });
    }
    if (loserRow.status !== 'active') {
      throw new ConflictError('That place is merged already.', [{ field: '/body/loserId', message: 'is merged already' }]);
    }
    if (loserRow.country !== winnerRow.country) {
      throw new UnprocessableError('Places of two countries cannot be merged.', [
        { field: '/body/loserId', message: 'is in another country' },
      ]);
    }
    const expected = Number(loserRow.version);
    if (loserVersion !== undefined && loserVersion !== expected) throw new PreconditionFailedError();
    const changes = { status: 'merged' as const, merged_into: winnerRow.id, updated_at: ctx.clock.now() };
    if (!(await placeRepository.update(trx, loserRow.id, expected, changes))) throw new PreconditionFailedError();
    const merged: PlaceRow = { ...loserRow, ...changes, version: expected + 1 };
    await events.append(placeEvents.merged(merged, caller.userId));
    return [winnerRow, merged] as const;
  });
  return { winner: toPlaceView(winner, edge), loser: toPlaceView(loser, edge) };
}
