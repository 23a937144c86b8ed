import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type TicketSchema, TicketsService } from '@fieldops/contracts';
import { type Access, rpcAccess, rpcServiceCaller } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { type TicketRow, ticketRepository } from '../db/ticket.repository';
import { TicketPermission } from '../domain/permissions';

const MAX_BATCH = 500;
const DEFAULT_LIST = 50;
const MAX_LIST = 200;
const DEFAULT_EXPORT = 500;
const MAX_EXPORT = 1000;

/** The verified caller with ticket:read and their data scope. */
const readerOf = (ctx: TicketsContext, context: HandlerContext): Promise<Access> => rpcAccess(context, TicketPermission.read, ctx.scopes);

const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as { [P in K]: V }));

function toTicketMessage(row: TicketRow): MessageInitShape<typeof TicketSchema> {
  return {
    id: row.id,
    country: row.country,
    type: row.type,
    title: row.title,
    state: row.state,
    ...optional('pendingOn', row.pending_on),
    priority: row.priority,
    queue: row.queue,
    ...optional('assigneeId', row.assignee_id),
    ...optional('orgUnitId', row.org_unit_id),
    ...optional('agencyId', row.agency_id),
    ...optional('areaId', row.area_id),
    ...optional('merchantId', row.merchant_id),
    ...optional('leadId', row.lead_id),
    ...optional('placeId', row.place_id),
    ...optional('visitId', row.visit_id),
    createdBy: row.created_by,
    ...optional('lat', row.lat),
    ...optional('lng', row.lng),
    slaStatus: row.sla_status,
    ...optional('slaBreachAt', row.sla_breach_at === null ? null : BigInt(row.sla_breach_at)),
    version: BigInt(row.version),
    createdAt: BigInt(row.created_at),
    updatedAt: BigInt(row.updated_at),
  };
}

/** Reads other services make of this one, with the caller's token and data scope checked here as in REST. */
export function ticketsRpc(router: ConnectRouter, ctx: TicketsContext): void {
  router.service(TicketsService, {
    async getTicket(request, context) {
      const reader = await readerOf(ctx, context);
      const row = await ticketRepository.visible(ctx.db, request.id, reader.scope);
      if (!row) throw new ConnectError('ticket not found', Code.NotFound);
      return { ticket: toTicketMessage(row) };
    },
    async batchGetTickets(request, context) {
      const reader = await readerOf(ctx, context);
      if (request.ids.length > MAX_BATCH) throw new ConnectError(`at most ${MAX_BATCH} ids per call`, Code.InvalidArgument);
      const rows = await ticketRepository.visibleMany(ctx.db, request.ids, reader.scope);
      return { tickets: rows.map(toTicketMessage) };
    },
    async listTicketsForMerchant(request, context) {
      const reader = await readerOf(ctx, context);
      if (request.limit < 0 || request.limit > MAX_LIST) throw new ConnectError(`limit must be in 0..${MAX_LIST}`, Code.InvalidArgument);
      const rows = await ticketRepository.forMerchant(
        ctx.db,
        request.merchantId,
        reader.scope,
        request.openOnly,
        request.limit || DEFAULT_LIST,
      );
      return { tickets: rows.map(toTicketMessage) };
    },
    async exportTickets(request, context) {
      // The export holds every ticket of every country: only a FieldOps service acting on its own may read it.
      rpcServiceCaller(context, 'export tickets');
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await ticketRepository.page(await ctx.reads(), request.afterId, limit);
      const last = rows.at(-1);
      return { tickets: rows.map(toTicketMessage), nextAfterId: rows.length === limit && last ? last.id : '' };
    },
  });
}
