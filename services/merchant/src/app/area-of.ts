import { type CallAs, resolveAreas } from '@fieldops/area-client';
import type { AreaResolution } from '@fieldops/contracts';
import { areaCountryConflict, type LatLng } from '@fieldops/geo';
import { UnprocessableError } from '@fieldops/platform';
import type { MerchantContext } from '../config';

/**
 * The area of one new point of a merchant in `country`; a create still succeeds (without area) when the area
 * service does not answer, and is refused when the area is another country's.
 */
export async function areaOf(ctx: MerchantContext, point: LatLng, callAs: CallAs, country: string) {
  let area: AreaResolution | undefined;
  try {
    area = (await resolveAreas(ctx, [point], callAs))?.[0];
  } catch (error) {
    ctx.log.warn({ err: error }, 'ResolveArea failed; the merchant is created without an area');
    return null;
  }
  const conflict = areaCountryConflict(area, country);
  if (conflict) throw new UnprocessableError(conflict.detail, conflict.problems);
  return area?.areaId ?? null;
}
