import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type MerchantContact, type MerchantSchema, MerchantService, MerchantStatusSchema } from '@fieldops/contracts';
import { type Access, rpcAccess, rpcServiceCaller } from '@fieldops/platform';
import { Value } from 'typebox/value';
import { parseJsonList } from '../app/merchant-fields';
import { nearbyMerchants } from '../app/nearby-merchants';
import type { MerchantContext } from '../config';
import { type MerchantRow, merchantRepository } from '../db/merchant.repository';
import { MerchantPermission } from '../domain/permissions';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAX_RADIUS = 50_000;
const MAX_BATCH = 500;
const DEFAULT_EXPORT = 500;
const MAX_EXPORT = 1000;

/** The verified caller with merchant:read and their data scope. */
const readerOf = (ctx: MerchantContext, context: HandlerContext): Promise<Access> =>
  rpcAccess(context, MerchantPermission.read, ctx.scopes);

function toMerchantMessage(row: MerchantRow): MessageInitShape<typeof MerchantSchema> {
  return {
    id: row.id,
    legalName: row.legal_name,
    brandName: row.brand_name,
    category: row.category,
    tier: row.tier,
    contacts: parseJsonList<MerchantContact>(row.contacts).map((c) => ({
      name: c.name,
      role: c.role,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
    })),
    address: row.address,
    ...(row.place_id ? { placeId: row.place_id } : {}),
    country: row.country,
    lat: row.lat,
    lng: row.lng,
    ...(row.area_id ? { areaId: row.area_id } : {}),
    ...(row.owner_id ? { ownerId: row.owner_id } : {}),
    ...(row.org_unit_id ? { orgUnitId: row.org_unit_id } : {}),
    ...(row.agency_id ? { agencyId: row.agency_id } : {}),
    businessId: row.business_id,
    documents: parseJsonList<string>(row.documents),
    ...(row.lead_id ? { leadId: row.lead_id } : {}),
    status: row.status,
    version: BigInt(row.version),
    createdAt: BigInt(row.created_at),
    updatedAt: BigInt(row.updated_at),
  };
}

/** Reads other services make of this one (WGS-84), each with the caller's token and scope checked here. */
export function merchantRpc(router: ConnectRouter, ctx: MerchantContext): void {
  router.service(MerchantService, {
    async getMerchant(request, context) {
      const { scope } = await readerOf(ctx, context);
      const row = await merchantRepository.findById(ctx.db, request.id, scope);
      if (!row) throw new ConnectError('merchant not found', Code.NotFound);
      return { merchant: toMerchantMessage(row) };
    },
    async batchGetMerchants(request, context) {
      const { scope } = await readerOf(ctx, context);
      if (request.ids.length > MAX_BATCH) throw new ConnectError(`at most ${MAX_BATCH} ids per call`, Code.InvalidArgument);
      return { merchants: (await merchantRepository.findMany(await ctx.reads(), request.ids, scope)).map(toMerchantMessage) };
    },
    async nearby(request, context) {
      const access = await readerOf(ctx, context);
      const { lat, lng, radiusM } = request;
      if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) throw new ConnectError('lat/lng out of range', Code.InvalidArgument);
      if (!(radiusM > 0 && radiusM <= MAX_RADIUS)) throw new ConnectError(`radius_m must be in (0, ${MAX_RADIUS}]`, Code.InvalidArgument);
      if (request.limit < 0 || request.limit > MAX_LIMIT) throw new ConnectError(`limit must be in 0..${MAX_LIMIT}`, Code.InvalidArgument);
      const status = request.status || undefined;
      if (status !== undefined && !Value.Check(MerchantStatusSchema, status))
        throw new ConnectError('unknown status', Code.InvalidArgument);
      const country = request.country || undefined;
      if (country !== undefined && !/^[A-Z]{2}$/.test(country))
        throw new ConnectError('country must be an ISO 3166-1 alpha-2 code', Code.InvalidArgument);
      const hits = await nearbyMerchants(ctx, access, { lat, lng }, radiusM, request.limit || DEFAULT_LIMIT, { status, country });
      return { items: hits.map((hit) => ({ merchant: toMerchantMessage(hit.row), distanceM: hit.distance })) };
    },
    async merchantsInBoundingBox(request, context) {
      const { scope } = await readerOf(ctx, context);
      const { minLat, minLng, maxLat, maxLng } = request;
      const inRange = [minLat, maxLat].every((v) => v >= -90 && v <= 90) && [minLng, maxLng].every((v) => v >= -180 && v <= 180);
      if (!inRange || minLat > maxLat)
        throw new ConnectError('the box must be WGS-84 degrees with min_lat ≤ max_lat', Code.InvalidArgument);
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await merchantRepository.locationsInBox(
        await ctx.reads(),
        { minLat, minLng, maxLat, maxLng },
        scope,
        request.afterId,
        limit + 1,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        merchants: page.map((r) => ({ id: r.id, lat: r.lat, lng: r.lng, ...(r.area_id ? { areaId: r.area_id } : {}) })),
        nextAfterId: rows.length > limit && last ? last.id : '',
      };
    },
    async exportMerchants(request, context) {
      // The export holds every record of every country: only a FieldOps service acting on its own may read it.
      rpcServiceCaller(context, 'export merchants');
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      // A rebuild reads everything: a replica takes that load off the primary. Both reads on one handle, one server.
      const db = await ctx.reads();
      const rows = await merchantRepository.page(db, request.afterId, limit);
      const last = rows.at(-1);
      const transitions = await merchantRepository.transitionsOfMany(
        db,
        rows.map((r) => r.id),
      );
      return {
        merchants: rows.map(toMerchantMessage),
        nextAfterId: rows.length === limit && last ? last.id : '',
        transitions: transitions.map((t) => ({ merchantId: t.merchant_id, from: t.from_status, to: t.to_status, at: BigInt(t.at) })),
      };
    },
  });
}
