import type { CoordinateSystem } from '@fieldops/geo';
import type { AreaContext } from '../config';
import { areaInScope } from './area-rules';
import { type AreaView, toAreaView } from './area-view';
import type { AreaAccess } from './area-visibility';

/** An area inside the caller's territories; one outside them is simply not found. */
export async function getArea(
  ctx: AreaContext,
  { scope: visibility }: AreaAccess,
  id: string,
  coords: CoordinateSystem,
): Promise<AreaView> {
  return toAreaView(await areaInScope(ctx.db, visibility, id), coords);
}
