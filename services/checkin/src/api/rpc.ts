import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { CheckinService, type VisitSchema, VisitTargetTypeSchema } from '@fieldops/contracts';
import { type Access, AppError, rpcAccess, rpcServiceCaller } from '@fieldops/platform';
import { Value } from 'typebox/value';
import { listVisitRows } from '../app/list-visits';
import { visitSnapshot } from '../app/visit-view';
import type { CheckinContext } from '../config';
import { type VisitRow, visitRepository } from '../db/visit.repository';
import { VisitPermission } from '../domain/permissions';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const DEFAULT_EXPORT = 500;
const MAX_EXPORT = 1000;

/** The verified caller with visit:read and their data scope. */
const readerOf = (ctx: CheckinContext, context: HandlerContext): Promise<Access> => rpcAccess(context, VisitPermission.read, ctx.scopes);

function toVisitMessage(row: VisitRow): MessageInitShape<typeof VisitSchema> {
  const s = visitSnapshot(row);
  return {
    id: s.id,
    repId: s.repId,
    ...(s.orgUnitId ? { orgUnitId: s.orgUnitId } : {}),
    ...(s.agencyId ? { agencyId: s.agencyId } : {}),
    country: s.country,
    targetType: s.targetType,
    targetId: s.targetId,
    targetName: s.targetName,
    ...(s.areaId ? { areaId: s.areaId } : {}),
    lat: s.lat,
    lng: s.lng,
    accuracyM: s.accuracyM,
    distanceM: s.distanceM,
    checkedInAt: BigInt(row.checked_in_at),
    receivedAt: BigInt(row.received_at),
    ...(row.checked_out_at !== null ? { checkedOutAt: BigInt(row.checked_out_at) } : {}),
    ...(row.dwell_seconds !== null ? { dwellSeconds: BigInt(row.dwell_seconds) } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    notes: s.notes,
    ...(row.follow_up_at !== null ? { followUpAt: BigInt(row.follow_up_at) } : {}),
    photoIds: s.photoIds,
    riskScore: s.riskScore,
    riskSignals: s.riskSignals,
    verification: s.verification,
    version: BigInt(s.version),
    createdAt: BigInt(row.created_at),
    updatedAt: BigInt(row.updated_at),
  };
}

/** A refused request in the REST layer's terms becomes the RPC status a caller can act on. */
function asConnectError(error: unknown): never {
  if (error instanceof AppError && error.status < 500) throw new ConnectError(error.message, Code.InvalidArgument);
  throw error;
}

/** Reads other services make of this one (WGS-84), each with the caller's token and scope checked here. */
export function checkinRpc(router: ConnectRouter, ctx: CheckinContext): void {
  router.service(CheckinService, {
    async getVisit(request, context) {
      const { scope } = await readerOf(ctx, context);
      const row = await visitRepository.findById(ctx.db, request.id, scope);
      if (!row) throw new ConnectError('visit not found', Code.NotFound);
      return { visit: toVisitMessage(row) };
    },
    async listVisits(request, context) {
      const access = await readerOf(ctx, context);
      if (request.limit < 0 || request.limit > MAX_LIMIT) throw new ConnectError(`limit must be in 0..${MAX_LIMIT}`, Code.InvalidArgument);
      const targetType = request.targetType || undefined;
      if (targetType !== undefined && !Value.Check(VisitTargetTypeSchema, targetType)) {
        throw new ConnectError('target_type must be merchant, lead or place', Code.InvalidArgument);
      }
      const page = await listVisitRows(
        ctx,
        access,
        {
          ...(request.repId ? { repId: request.repId } : {}),
          ...(request.date ? { date: request.date } : {}),
          ...(targetType ? { targetType } : {}),
          ...(request.targetId ? { targetId: request.targetId } : {}),
          ...(request.pageToken ? { cursor: request.pageToken } : {}),
          limit: request.limit || DEFAULT_LIMIT,
        },
        'page_token',
      ).catch(asConnectError);
      return { visits: page.items.map(toVisitMessage), nextPageToken: page.nextCursor ?? '' };
    },
    async exportVisits(request, context) {
      rpcServiceCaller(context, 'export visits');
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await visitRepository.exportPage(await ctx.reads(), request.afterId, limit);
      const last = rows[rows.length - 1];
      return { visits: rows.map(toVisitMessage), nextAfterId: rows.length === limit && last ? last.id : '' };
    },
  });
}
