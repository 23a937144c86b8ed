import type { CoordinateSystem } from '@fieldops/geo';
import { decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { areaRepository } from '../db/area.repository';
import { type AreaView, toAreaView } from './area-view';
import type { AreaAccess } from './area-visibility';

export interface AreaListQuery {
  parentId?: string;
  country?: string;
  limit: number;
  cursor?: string;
  /** Polygons make a list heavy: they come only when asked for. */
  geometry?: boolean;
}

export async function listAreas(
  ctx: AreaContext,
  { scope: visibility }: AreaAccess,
  query: AreaListQuery,
  coords: CoordinateSystem,
): Promise<Page<AreaView>> {
  const after = decodeIdCursor(query.cursor);
  const filters = { parentId: query.parentId, country: query.country };
  const rows = await areaRepository.page(ctx.db, visibility, filters, after, query.limit);
  return toPage(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => toAreaView(r, coords, query.geometry === true),
  );
}
