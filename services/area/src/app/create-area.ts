import type { CoordinateSystem } from '@fieldops/geo';
import { ConflictError, isUniqueViolation } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AreaContext } from '../config';
import { type AreaRow, areaRepository } from '../db/area.repository';
import { assignmentRepository } from '../db/assignment.repository';
import { type AreaKind, childPath, pathIds } from '../domain/area-kind';
import { type AreaGeometry, bboxOf } from '../domain/geometry';
import { areaEvents } from '../events/published';
import type { AreaIndexHolder } from './area-index-holder';
import { checkDepth, checkOrgUnit, checkParentKind, checkRootCountry, parentInScope } from './area-rules';
import { type AreaView, toAreaView } from './area-view';
import type { AreaAccess } from './area-visibility';
import { bumpIndexVersion } from './index-change';
import { linkableOrgUnits } from './org-units-of';
import { syncCoverage } from './sync-coverage';

export interface CreateAreaInput {
  name: string;
  code: string;
  kind: AreaKind;
  parentId?: string | null;
  country?: string;
  priority?: number;
  orgUnitId?: string | null;
  /** Already validated and in WGS-84. */
  geometry: AreaGeometry;
}

/** The row of a new area under `parent` (null: a country root). */
export function newAreaRow(id: string, input: CreateAreaInput, parent: AreaRow | null, country: string, at: number): AreaRow {
  const [minLng, minLat, maxLng, maxLat] = bboxOf(input.geometry);
  return {
    id,
    parent_id: parent?.id ?? null,
    kind: input.kind,
    name: input.name.trim(),
    code: input.code.trim(),
    country,
    path: childPath(parent?.path ?? null, id),
    priority: input.priority ?? 0,
    org_unit_id: input.orgUnitId ?? null,
    geometry: JSON.stringify(input.geometry),
    min_lat: minLat,
    min_lng: minLng,
    max_lat: maxLat,
    max_lng: maxLng,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

export async function createArea(
  ctx: AreaContext,
  access: AreaAccess,
  index: AreaIndexHolder,
  input: CreateAreaInput,
  coords: CoordinateSystem,
): Promise<AreaView> {
  const orgUnits = input.orgUnitId ? await linkableOrgUnits(ctx, access.caller) : undefined;
  const now = ctx.clock.now();
  try {
    const area = await ctx.transact(
      async (trx, events) => {
        const parent = input.parentId ? await parentInScope(trx, access.scope, input.parentId) : null;
        checkParentKind(input.kind, parent?.kind ?? null);
        const country = parent ? parent.country : checkRootCountry(access, input.country, (c) => ctx.countries.isSupported(c));
        if (input.orgUnitId) await checkOrgUnit(trx, input.orgUnitId, country, orgUnits);
        const row = newAreaRow(uuidv7(), input, parent, country, now);
        checkDepth(row.path);
        await areaRepository.insert(trx, row);
        await bumpIndexVersion(ctx, trx);
        await events.append(areaEvents.created(row, access.caller.userId));
        // Whoever covers an ancestor now covers the new area too.
        await syncCoverage(ctx, trx, events, await assignmentRepository.usersOn(trx, pathIds(row.path)));
        return row;
      },
      { retryLockConflicts: true },
    );
    index.markStale();
    return toAreaView(area, coords);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`An area with the code "${input.code}" already exists in this country.`, [
        { field: '/body/code', message: 'is already used in this country' },
      ]);
    }
    throw error;
  }
}
