import { AreaService } from '@fieldops/contracts';
import type { LatLng } from '@fieldops/geo';
import type { MerchantContext } from '../config';

/**
 * The most specific area holding each point, from the area service (`ResolveArea`); undefined when the area
 * service neither runs in this process nor has a SERVICE_AREA_URL.
 */
export async function resolveAreaIds(
  ctx: MerchantContext,
  points: LatLng[],
  callAs: () => Promise<{ headers: Record<string, string> }>,
): Promise<(string | null)[] | undefined> {
  if (!ctx.rpc.isLocal('area') && !ctx.config.serviceUrls.area) return undefined;
  if (points.length === 0) return [];
  const { results } = await ctx.rpc.client(AreaService).resolveArea({ points }, await callAs());
  return results.map((r) => r.areaId ?? null);
}

/** The area of one new point; a create still succeeds (without area) when the area service does not answer. */
export async function areaOf(ctx: MerchantContext, point: LatLng, callAs: () => Promise<{ headers: Record<string, string> }>) {
  try {
    return (await resolveAreaIds(ctx, [point], callAs))?.[0] ?? null;
  } catch (error) {
    ctx.log.warn({ err: error }, 'ResolveArea failed; the merchant is created without an area');
    return null;
  }
}
