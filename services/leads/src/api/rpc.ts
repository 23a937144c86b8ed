import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type LeadSchema, LeadsService } from '@fieldops/contracts';
import { type Access, rpcAccess, rpcServiceCaller } from '@fieldops/platform';
import { shownPhone } from '../app/lead-view';
import { type ReadableDuplicates, readableDuplicates, shownDuplicateOf } from '../app/shown-duplicates';
import type { LeadsContext } from '../config';
import { claimHistoryRepository } from '../db/holding.repository';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { LeadPermission } from '../domain/permissions';

const MAX_BATCH = 500;
const DEFAULT_EXPORT = 500;
const MAX_EXPORT = 1000;

/** The verified caller with lead:read and their data scope. */
const readerOf = (ctx: LeadsContext, context: HandlerContext): Promise<Access> => rpcAccess(context, LeadPermission.read, ctx.scopes);

const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as { [P in K]: V }));

/** `readable` undefined: a service's export, which sees every record. */
function toLeadMessage(row: LeadRow, readable?: ReadableDuplicates): MessageInitShape<typeof LeadSchema> {
  return {
    id: row.id,
    name: row.name,
    ...optional('phone', shownPhone(row)),
    address: row.address,
    category: row.category,
    lat: row.lat,
    lng: row.lng,
    country: row.country,
    ...optional('areaId', row.area_id),
    ...optional('ownerId', row.owner_id),
    ...optional('orgUnitId', row.org_unit_id),
    ...optional('agencyId', row.agency_id),
    pool: row.pool,
    stage: row.stage,
    ...optional('protectedUntil', row.protected_until === null ? null : BigInt(row.protected_until)),
    ...optional('nextFollowUpAt', row.next_follow_up_at === null ? null : BigInt(row.next_follow_up_at)),
    ...optional('duplicateOf', readable ? shownDuplicateOf(row.duplicate_of, readable) : row.duplicate_of),
    ...optional('merchantId', row.merchant_id),
    conversionStatus: row.conversion_status,
    version: BigInt(row.version),
    createdAt: BigInt(row.created_at),
    updatedAt: BigInt(row.updated_at),
  };
}

/** Reads other services make of this one (WGS-84), with the caller's token and data scope checked here as in REST. */
export function leadsRpc(router: ConnectRouter, ctx: LeadsContext): void {
  router.service(LeadsService, {
    async getLead(request, context) {
      const reader = await readerOf(ctx, context);
      const row = await leadRepository.visible(ctx.db, request.id, reader.scope);
      if (!row) throw new ConnectError('lead not found', Code.NotFound);
      return { lead: toLeadMessage(row, await readableDuplicates(ctx, reader, [row.duplicate_of])) };
    },
    async batchGetLeads(request, context) {
      const reader = await readerOf(ctx, context);
      if (request.ids.length > MAX_BATCH) throw new ConnectError(`at most ${MAX_BATCH} ids per call`, Code.InvalidArgument);
      const rows = await leadRepository.visibleMany(ctx.db, request.ids, reader.scope);
      const readable = await readableDuplicates(
        ctx,
        reader,
        rows.map((row) => row.duplicate_of),
      );
      return { leads: rows.map((row) => toLeadMessage(row, readable)) };
    },
    async leadsInBoundingBox(request, context) {
      const { scope } = await readerOf(ctx, context);
      const { minLat, minLng, maxLat, maxLng } = request;
      const inRange = [minLat, maxLat].every((v) => v >= -90 && v <= 90) && [minLng, maxLng].every((v) => v >= -180 && v <= 180);
      if (!inRange || minLat > maxLat || minLng > maxLng)
        throw new ConnectError('the box must be WGS-84 degrees with min ≤ max', Code.InvalidArgument);
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await leadRepository.visibleLocationsInBox(
        ctx.db,
        { minLat, minLng, maxLat, maxLng },
        scope,
        request.afterId,
        limit + 1,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        leads: page.map((r) => ({ id: r.id, lat: r.lat, lng: r.lng, ...optional('areaId', r.area_id) })),
        nextAfterId: rows.length > limit && last ? last.id : '',
      };
    },
    async exportLeads(request, context) {
      // The export holds every record of every country: only a FieldOps service acting on its own may read it.
      rpcServiceCaller(context, 'export leads');
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await leadRepository.page(await ctx.reads(), request.afterId, limit);
      const last = rows.at(-1);
      const captors = await claimHistoryRepository.captors(ctx.db, rows);
      const leads = rows.map((row) => ({ ...toLeadMessage(row), ...optional('capturedBy', captors.get(row.id) ?? null) }));
      return { leads, nextAfterId: rows.length === limit && last ? last.id : '' };
    },
  });
}
