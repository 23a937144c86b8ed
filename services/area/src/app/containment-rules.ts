import { UnprocessableError } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import { type AreaRow, areaRepository } from '../db/area.repository';
import type { AreaDb } from '../db/schema';
import { type Containment, containmentOf, DEFAULT_TOLERANCE } from '../domain/containment';
import type { AreaGeometry } from '../domain/geometry';

const geometryOf = (row: AreaRow) => JSON.parse(row.geometry) as AreaGeometry;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function whyOutside(result: Exclude<Containment, { inside: true }>, parentName: string): string {
  return result.reason === 'position'
    ? `position [${result.position[0]}, ${result.position[1]}] lies ${result.metresOutside} m outside the parent area "${parentName}"`
    : `${percent(result.shareOutside)} of it lies outside the parent area "${parentName}" (at most ${percent(DEFAULT_TOLERANCE.share)} may)`;
}

/**
 * A child's polygon must lie inside its parent's (give or take the borders' simplification): a district drawn
 * across the sea would otherwise claim points of another city, or another country.
 */
export function checkInsideParent(geometry: AreaGeometry, parent: AreaRow, field = '/body/geometry'): void {
  const result = containmentOf(geometry, geometryOf(parent));
  if (result.inside) return;
  const reason = whyOutside(result, parent.name);
  throw new UnprocessableError(`The area must lie inside its parent: ${reason}.`, [{ field, message: reason }]);
}

/** The parent of an area being reshaped, when it has one. */
export async function parentOf(db: Kysely<AreaDb>, area: AreaRow): Promise<AreaRow | undefined> {
  return area.parent_id ? areaRepository.findById(db, area.parent_id) : undefined;
}

/** A reshaped area must still hold each of its child areas: the new outline may not cut one off. */
export async function checkHoldsChildren(
  db: Kysely<AreaDb>,
  area: AreaRow,
  geometry: AreaGeometry,
  field = '/body/geometry',
): Promise<void> {
  for (const child of await areaRepository.children(db, area.id)) {
    const result = containmentOf(geometryOf(child), geometry);
    if (result.inside) continue;
    const message = `would no longer hold the child area "${child.name}"`;
    throw new UnprocessableError(`The new outline must hold every child area; in "${child.name}", ${whyOutside(result, area.name)}.`, [
      { field, message },
    ]);
  }
}
