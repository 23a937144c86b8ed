import { MerchantService } from '@fieldops/contracts';
import { COARSE_RESOLUTION, cellOf, distanceMeters, type LatLng } from '@fieldops/geo';
import type { LeadsContext } from '../config';
import { NEIGHBOURHOOD_M } from '../domain/lead-duplicate';

/** A merchant as the duplicate check needs it. */
export interface NearMerchant extends LatLng {
  id: string;
  country: string;
  /** Brand name first (what a rep sees on the shop front), then the legal name. */
  names: string[];
  phones: string[];
}

/** Merchant's Nearby answers at most this many; a full answer may have left some out. */
const NEARBY_LIMIT = 200;
/** Nearby calls in flight at once for one batch of points. */
const PARALLEL = 8;
const DEADLINE_MS = 10_000;

type Call = { headers: Record<string, string> };

async function nearby(
  ctx: LeadsContext,
  call: Call,
  centre: LatLng,
  radiusM: number,
): Promise<{ merchants: NearMerchant[]; full: boolean }> {
  const { items } = await ctx.rpc
    .client(MerchantService)
    .nearby({ lat: centre.lat, lng: centre.lng, radiusM, limit: NEARBY_LIMIT }, { ...call, timeoutMs: DEADLINE_MS });
  const merchants: NearMerchant[] = [];
  for (const { merchant } of items) {
    if (!merchant) continue;
    merchants.push({
      id: merchant.id,
      country: merchant.country,
      lat: merchant.lat,
      lng: merchant.lng,
      names: [merchant.brandName, merchant.legalName].filter((name) => name.trim() !== ''),
      phones: merchant.contacts.flatMap((c) => (c.phone ? [c.phone] : [])),
    });
  }
  return { merchants, full: items.length >= NEARBY_LIMIT };
}

async function inParallel<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, tasks.length) }, worker));
  return results;
}

/**
 * The merchants within the duplicate radius of each point, any owner (asked as this service, so a rep's scope hides
 * none), from the merchant service's Nearby. Points are grouped by their H3 res-7 cell so that a whole import batch
 * costs one call per neighbourhood instead of one per row; a neighbourhood with more merchants than one answer holds
 * falls back to a call per point. Empty lists when the merchant service is not reachable from here.
 */
export async function merchantsNear(ctx: LeadsContext, points: LatLng[]): Promise<NearMerchant[][]> {
  if (points.length === 0 || (!ctx.rpc.isLocal('merchant') && !ctx.config.serviceUrls.merchant)) return points.map(() => []);
  const call = await ctx.asService();
  const groups = new Map<string, number[]>();
  for (const [index, point] of points.entries()) {
    const cell = cellOf(point, COARSE_RESOLUTION);
    groups.set(cell, [...(groups.get(cell) ?? []), index]);
  }
  const found: NearMerchant[][] = points.map(() => []);
  const within = (point: LatLng, merchants: NearMerchant[]) => merchants.filter((m) => distanceMeters(point, m) <= NEIGHBOURHOOD_M);
  const tasks = [...groups.values()].map((indexes) => async () => {
    const members = indexes.map((i) => points[i] ?? { lat: 0, lng: 0 });
    const centre = {
      lat: members.reduce((sum, p) => sum + p.lat, 0) / members.length,
      lng: members.reduce((sum, p) => sum + p.lng, 0) / members.length,
    };
    const spread = Math.max(...members.map((p) => distanceMeters(centre, p)));
    const group = await nearby(ctx, call, centre, spread + NEIGHBOURHOOD_M);
    for (const [k, index] of indexes.entries()) {
      const point = members[k] ?? centre;
      found[index] = group.full ? (await nearby(ctx, call, point, NEIGHBOURHOOD_M)).merchants : within(point, group.merchants);
    }
  });
  await inParallel(tasks);
  return found;
}
