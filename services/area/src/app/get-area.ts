import type { AreaContext } from '../config';
import type { Access } from './access';
import { areaInScope } from './area-rules';
import { type AreaView, toAreaView } from './area-view';
import type { CoordinateSystem } from './coordinates';

/** An area inside the caller's territories; one outside them is simply not found. */
export async function getArea(ctx: AreaContext, { visibility }: Access, id: string, coords: CoordinateSystem): Promise<AreaView> {
  return toAreaView(await areaInScope(ctx.db, visibility, id), coords);
}
