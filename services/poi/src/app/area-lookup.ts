import { areaServiceReachable, resolveAreas } from '@fieldops/area-client';
import { AreaService } from '@fieldops/contracts';
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
        const path = (resolution?.path ?? []).map((step) => ({ id: step.id, name: step.name, level: step.kind }));
        return { country: resolution?.country ?? null, path };
      } catch (error) {
        ctx.log.warn({ err: error }, 'ResolveArea failed; reverse geocoding answers from known places only');
        return null;
      }
    },
    async named(text, country) {
      try {
        const { areas } = await ctx.rpc.client(AreaService).findAreasByName({ name: text, country }, asCaller(caller.token));
        return areas.flatMap(({ inside, ...area }) =>
          inside
            ? [
                {
                  name: area.name,
                  country: area.country,
                  lat: inside.lat,
                  lng: inside.lng,
                  path: area.path.map((step) => ({ id: step.id, name: step.name, level: step.kind })),
                  score: area.score,
                },
              ]
            : [],
        );
      } catch (error) {
        ctx.log.warn({ err: error }, 'FindAreasByName failed; geocoding answers from known places only');
        return [];
      }
    },
  };
}
