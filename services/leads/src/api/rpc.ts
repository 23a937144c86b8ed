import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type LeadSchema, LeadsService } from '@fieldops/contracts';
import { type Access, rpcAccess, rpcServiceCaller } from '@fieldops/platform';
import { shownPhone } from '../app/lead-view';
import type { LeadsContext } from '../config';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { LeadPermission } from '../domain/permissions';

const MAX_BATCH = 500;
const DEFAULT_EXPORT = 500;
const MAX_EXPORT = 1000;

/** The verified caller with lead:read and their data scope. */
const readerOf = (ctx: LeadsContext, context: HandlerContext): Promise<Access> => rpcAccess(context, LeadPermission.read, ctx.scopes);

const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as { [P in K]: V }));

function toLeadMessage(row: LeadRow): MessageInitShape<typeof LeadSchema> {
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
    ...optional('duplicateOf', row.duplicate_of),
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
      const { scope } = await readerOf(ctx, context);
      const row = await leadRepository.visible(ctx.db, request.id, scope);
      if (!row) throw new ConnectError('lead not found', Code.NotFound);
      return { lead: toLeadMessage(row) };
    },
    async batchGetLeads(request, context) {
      const { scope } = await readerOf(ctx, context);
      if (request.ids.length > MAX_BATCH) throw new ConnectError(`at most ${MAX_BATCH} ids per call`, Code.InvalidArgument);
      return { leads: (await leadRepository.visibleMany(ctx.db, request.ids, scope)).map(toLeadMessage) };
    },
    async exportLeads(request, context) {
      // The export holds every record of every country: only a FieldOps service acting on its own may read it.
      rpcServiceCaller(context, 'export leads');
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await leadRepository.page(ctx.db, request.afterId, limit);
      const last = rows.at(-1);
      return { leads: rows.map(toLeadMessage), nextAfterId: rows.length === limit && last ? last.id : '' };
    },
  });
}
