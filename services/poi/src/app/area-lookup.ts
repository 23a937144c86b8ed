import { areaServiceReachable, resolveAreas } from '@fieldops/area-client';
import { asCaller, type Principal } from '@fieldops/platform';
import type { PoiContext } from '../config';
import type { AreaLookup } from '../geocoding/offline-geocoder';

/**
 * The areas containing a point, from the area client, called as the caller (the area service checks their token
 * too). Undefined when the area service neither runs in this process nor has a SERVICE_AREA_URL; null answers (and a
 * warning) when it does not answer, so reverse geocoding still answers from known places.
 */
export function areaLookupFor(ctx: PoiContext, caller: Principal): AreaLookup | undefined {
  if (!areaServiceReachable(ctx)) return undefined;
  return {
    async pathAt(point) {
      try {
        const [resolution] = (await resolveAreas(ctx, [point], async () => asCaller(caller.token))) ?? [];
        return (resolution?.path ?? []).map((step) => ({ id: step.id, name: step.name, level: step.kind }));
      } catch (error) {
        ctx.log.warn({ err: error }, 'ResolveArea failed; reverse geocoding answers from known places only');
        return null;
      }
    },
  };
}
