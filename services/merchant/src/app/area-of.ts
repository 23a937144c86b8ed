import { type CallAs, resolveAreaIds } from '@fieldops/area-client';
import type { LatLng } from '@fieldops/geo';
import type { MerchantContext } from '../config';

/** The area of one new point; a create still succeeds (without area) when the area service does not answer. */
export async function areaOf(ctx: MerchantContext, point: LatLng, callAs: CallAs) {
  try {
    return (await resolveAreaIds(ctx, [point], callAs))?.[0] ?? null;
  } catch (error) {
    ctx.log.warn({ err: error }, 'ResolveArea failed; the merchant is created without an area');
    return null;
  }
}
