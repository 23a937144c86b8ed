import type { CoordinateSystem } from '@fieldops/geo';
import { PreconditionFailedError } from '@fieldops/platform';
import type { AreaContext } from '../config';
import type { AreaRow } from '../db/area.repository';
import { areaRepository } from '../db/area.repository';
import { areaEvents } from '../events/published';
import type { AreaIndexHolder } from './area-index-holder';
import { areaInScope, checkOrgUnit } from './area-rules';
import { type AreaView, toAreaView } from './area-view';
import type { AreaAccess } from './area-visibility';
import { bumpIndexVersion } from './index-change';
import { linkableOrgUnits } from './org-units-of';

export interface UpdateAreaInput {
  name?: string;
  priority?: number;
  orgUnitId?: string | null;
}

/** Renames an area, changes its priority among overlapping siblings, or the org unit that manages it. */
export async function updateArea(
  ctx: AreaContext,
  access: AreaAccess,
  index: AreaIndexHolder,
  id: string,
  input: UpdateAreaInput,
  ifMatch: (current: number) => number,
  coords: CoordinateSystem,
): Promise<AreaView> {
  const orgUnits = input.orgUnitId ? await linkableOrgUnits(ctx, access.caller) : undefined;
  const result = await ctx.transact(async (trx, events) => {
    const area = await areaInScope(trx, access.scope, id);
    const expected = ifMatch(Number(area.version));
    const changes: Partial<AreaRow> = {};
    if (input.name !== undefined && input.name.trim() !== area.name) changes.name = input.name.trim();
    if (input.priority !== undefined && input.priority !== Number(area.priority)) changes.priority = input.priority;
    if (input.orgUnitId !== undefined && input.orgUnitId !== area.org_unit_id) {
      if (input.orgUnitId) await checkOrgUnit(trx, input.orgUnitId, area.country, orgUnits);
      changes.org_unit_id = input.orgUnitId;
    }
    if (Object.keys(changes).length === 0) return { row: area, indexChanged: false };
    const now = ctx.clock.now();
    if (!(await areaRepository.update(trx, id, expected, { ...changes, updated_at: now }))) throw new PreconditionFailedError();
    const row: AreaRow = { ...area, ...changes, version: expected + 1, updated_at: now };
    // The index holds names (for paths) and priorities (for overlaps): both changes must reach every replica.
    await bumpIndexVersion(ctx, trx);
    await events.append(areaEvents.updated(row, access.caller.userId));
    return { row, indexChanged: true };
  });
  if (result.indexChanged) index.markStale();
  return toAreaView(result.row, coords);
}
