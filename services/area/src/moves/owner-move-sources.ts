import { LeadsService, MerchantService, PoiService } from '@fieldops/contracts';
import type { AreaContext } from '../config';
import type { AreaMoveSource } from './area-move-source';
import { pagedMoveSource } from './paged-move-source';

const located = (r: { id: string; lat: number; lng: number }) => ({ id: r.id, lat: r.lat, lng: r.lng });

/** Places, from the POI service's `PlacesInBoundingBox`. */
export function placeMoveSource(ctx: AreaContext): AreaMoveSource | undefined {
  return pagedMoveSource(ctx, 'place', PoiService, async (request, options) => {
    const page = await ctx.rpc.client(PoiService).placesInBoundingBox(request, options);
    return { records: page.places.map(located), next: page.nextCursor };
  });
}

/** Merchants, from the merchant service's `MerchantsInBoundingBox`. */
export function merchantMoveSource(ctx: AreaContext): AreaMoveSource | undefined {
  return pagedMoveSource(ctx, 'merchant', MerchantService, async ({ cursor, ...box }, options) => {
    const page = await ctx.rpc.client(MerchantService).merchantsInBoundingBox({ ...box, afterId: cursor }, options);
    return { records: page.merchants.map(located), next: page.nextAfterId };
  });
}

/** Leads, from the leads service's `LeadsInBoundingBox`. */
export function leadMoveSource(ctx: AreaContext): AreaMoveSource | undefined {
  return pagedMoveSource(ctx, 'lead', LeadsService, async ({ cursor, ...box }, options) => {
    const page = await ctx.rpc.client(LeadsService).leadsInBoundingBox({ ...box, afterId: cursor }, options);
    return { records: page.leads.map(located), next: page.nextAfterId };
  });
}

/** Every owner of located records that this deployment can reach. */
export function defaultMoveSources(ctx: AreaContext): AreaMoveSource[] {
  return [placeMoveSource(ctx), merchantMoveSource(ctx), leadMoveSource(ctx)].filter((s): s is AreaMoveSource => s !== undefined);
}
