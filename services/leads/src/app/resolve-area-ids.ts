import { AreaService } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';
import type { LeadsContext } from '../config';

/** ResolveArea takes this many points per call. */
const BATCH = 1000;

/**
 * The most specific area holding each point, from the area service (`ResolveArea`); undefined when the area
 * service neither runs in this process nor has a SERVICE_AREA_URL (leads then keep no area until it does).
 */
export async function resolveAreaIds(
  ctx: LeadsContext,
  points: LatLng[],
  callAs: () => Promise<{ headers: Record<string, string> }>,
): Promise<(string | null)[] | undefined> {
  if (!ctx.rpc.isLocal('area') && !ctx.config.serviceUrls.area) return undefined;
  const call = await callAs();
  const areaIds: (string | null)[] = [];
  for (let start = 0; start < points.length; start += BATCH) {
    const batch = points.slice(start, start + BATCH).map(({ lat, lng }) => ({ lat, lng }));
    const { results } = await ctx.rpc.client(AreaService).resolveArea({ points: batch }, call);
    for (const result of results) areaIds.push(result.areaId ?? null);
  }
  return areaIds;
}
