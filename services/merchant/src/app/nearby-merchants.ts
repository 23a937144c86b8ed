import { distanceMeters, type LatLng, type LatLngBox } from '@fieldops/geo';
import type { Access } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository, type NearbyFilters } from '../db/merchant.repository';

export interface NearbyHit {
  row: MerchantRow;
  distance: number;
}

const METRES_PER_DEGREE = 111_320;

/** A box holding the circle: the prefilter the lat/lng index answers before exact distances. */
function boxAround({ lat, lng }: LatLng, radius: number): LatLngBox {
  const dLat = radius / METRES_PER_DEGREE;
  const cos = Math.cos((lat * Math.PI) / 180);
  const dLng = cos < 1e-6 ? 180 : Math.min(180, radius / (METRES_PER_DEGREE * cos));
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
  const whole = dLng >= 180;
  return {
    minLat: Math.max(-90, lat - dLat),
    maxLat: Math.min(90, lat + dLat),
    minLng: whole ? -180 : wrap(lng - dLng),
    maxLng: whole ? 180 : wrap(lng + dLng),
  };
}

/** Merchants in the caller's scope within `radius` metres of a WGS-84 point, nearest first (then by id). */
export async function nearbyMerchants(
  ctx: MerchantContext,
  { scope }: Access,
  point: LatLng,
  radius: number,
  limit: number,
  filters: NearbyFilters = {},
): Promise<NearbyHit[]> {
  const rows = await merchantRepository.inBox(ctx.db, boxAround(point, radius), scope, filters);
  return rows
    .map((row) => ({ row, distance: distanceMeters(point, row) }))
    .filter((hit) => hit.distance <= radius)
    .sort((a, b) => a.distance - b.distance || (a.row.id < b.row.id ? -1 : 1))
    .slice(0, limit);
}
