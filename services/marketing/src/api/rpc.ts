import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type CampaignSchema, type EnrollmentSchema, MarketingService } from '@fieldops/contracts';
import { type Access, rpcAccess } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { type EnrollmentRow, enrollmentRepository } from '../db/enrollment.repository';
import { CampaignPermission } from '../domain/permissions';

const DEFAULT_LIST = 50;
const MAX_LIST = 200;
const DEFAULT_EXPORT = 500;
const MAX_EXPORT = 1000;

const readerOf = (ctx: MarketingContext, context: HandlerContext): Promise<Access> =>
  rpcAccess(context, CampaignPermission.read, ctx.scopes);

const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as { [P in K]: V }));

function toCampaignMessage(row: CampaignRow): MessageInitShape<typeof CampaignSchema> {
  return {
    id: row.id,
    country: row.country,
    name: row.name,
    type: row.type,
    status: row.status,
    startsAt: BigInt(row.starts_at),
    endsAt: BigInt(row.ends_at),
    budgetMinor: BigInt(row.budget_minor),
    costMinor: BigInt(row.cost_minor),
    cap: row.cap,
    currency: row.currency,
    accepted: row.accepted,
    ...optional('orgUnitId', row.org_unit_id),
    version: BigInt(row.version),
  };
}

function toEnrollmentMessage(row: EnrollmentRow): MessageInitShape<typeof EnrollmentSchema> {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    merchantId: row.merchant_id,
    state: row.state,
    ...optional('channel', row.channel),
    ...optional('visitId', row.visit_id),
    ...optional('ownerId', row.owner_id),
    invitedAt: BigInt(row.invited_at),
    ...optional('decidedAt', row.decided_at === null ? null : BigInt(row.decided_at)),
    costMinor: BigInt(row.cost_minor),
    version: BigInt(row.version),
    ...optional('orgUnitId', row.org_unit_id),
    ...optional('agencyId', row.agency_id),
    ...optional('areaId', row.area_id),
    country: row.country,
  };
}

/** Reads other services make of this one, with the caller's token and data scope checked here as in REST. */
export function marketingRpc(router: ConnectRouter, ctx: MarketingContext): void {
  router.service(MarketingService, {
    async getCampaign(request, context) {
      const reader = await readerOf(ctx, context);
      const row = await campaignRepository.visible(ctx.db, request.id, reader.scope);
      if (!row) throw new ConnectError('campaign not found', Code.NotFound);
      return { campaign: toCampaignMessage(row) };
    },
    async listEnrollmentsForMerchant(request, context) {
      const reader = await readerOf(ctx, context);
      if (request.limit < 0 || request.limit > MAX_LIST) throw new ConnectError(`limit must be in 0..${MAX_LIST}`, Code.InvalidArgument);
      const rows = await enrollmentRepository.forMerchant(ctx.db, request.merchantId, reader.scope, request.limit || DEFAULT_LIST);
      return { enrollments: rows.map(toEnrollmentMessage) };
    },
    async exportEnrollments(request, context) {
      const reader = await readerOf(ctx, context);
      if (request.limit < 0 || request.limit > MAX_EXPORT)
        throw new ConnectError(`limit must be in 0..${MAX_EXPORT}`, Code.InvalidArgument);
      const limit = request.limit || DEFAULT_EXPORT;
      const rows = await enrollmentRepository.list(ctx.db, request.campaignId || undefined, reader.scope, {
        after: request.after || undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return { enrollments: page.map(toEnrollmentMessage), nextAfter: rows.length > limit ? (page[page.length - 1]?.id ?? '') : '' };
    },
  });
}
