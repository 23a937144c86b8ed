import type { Client } from '@connectrpc/connect';
import { type AreaResolution, AreaService } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';

/**
 * The one caller of the area service's `ResolveArea`: which area holds a point, for every service that keeps records
 * on the map. Answers the contract's own `AreaResolution`, so a field added to it reaches callers as it is.
 */

/** ResolveArea takes this many points per call. */
export const RESOLVE_AREA_BATCH = 1000;

/** How a call is authorised: as the user who asked, or as the service itself. */
export type CallAs = () => Promise<{ headers: Record<string, string> }>;

/** What a service's context offers to reach the area service (the platform's ServiceContext has it). */
export interface AreaServiceReach {
  rpc: { isLocal(service: string): boolean; client(service: typeof AreaService): Pick<Client<typeof AreaService>, 'resolveArea'> };
  config: { serviceUrls: Readonly<Record<string, string>> };
}

/** Whether the area service runs in this process or has a SERVICE_AREA_URL. */
export function areaServiceReachable(ctx: AreaServiceReach): boolean {
  return ctx.rpc.isLocal('area') || Boolean(ctx.config.serviceUrls.area);
}

/**
 * What the area service answers for each point, in order, RESOLVE_AREA_BATCH points per call; undefined when it is not
 * reachable (the records then keep no area until it is).
 */
export async function resolveAreas(ctx: AreaServiceReach, points: LatLng[], callAs: CallAs): Promise<AreaResolution[] | undefined> {
  if (!areaServiceReachable(ctx)) return undefined;
  if (points.length === 0) return [];
  const call = await callAs();
  const resolutions: AreaResolution[] = [];
  for (let start = 0; start < points.length; start += RESOLVE_AREA_BATCH) {
    const batch = points.slice(start, start + RESOLVE_AREA_BATCH).map(({ lat, lng }) => ({ lat, lng }));
    const { results } = await ctx.rpc.client(AreaService).resolveArea({ points: batch }, call);
    resolutions.push(...results);
  }
  return resolutions;
}

/** The area holding each point (null outside every area); undefined when the area service is not reachable. */
export async function resolveAreaIds(ctx: AreaServiceReach, points: LatLng[], callAs: CallAs): Promise<(string | null)[] | undefined> {
  return (await resolveAreas(ctx, points, callAs))?.map((resolution) => resolution.areaId ?? null);
}
