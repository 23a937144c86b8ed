import { Code, ConnectError } from '@connectrpc/connect';
import { CheckinService } from '@fieldops/contracts';
import { type Access, asCaller, NotFoundError, UnprocessableError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { type EnrollmentRow, enrollmentRepository } from '../db/enrollment.repository';
import { decideEnrollment, type MerchantDecision } from './decide-enrollment';

export interface EnrollInput {
  merchantId: string;
  decision: MerchantDecision;
  /** A check-in at the merchant: evidence that the rep signed them up on site. */
  visitId?: string;
}

/**
 * A merchant's enrollment as the caller may reach it: through their scope over the merchant (a rep: their own
 * merchants). The campaign itself answers 404 unless the caller sees it or one of its enrollments.
 */
async function reachable(ctx: MarketingContext, access: Access, campaignId: string, merchantId: string) {
  const campaign = await campaignRepository.byId(ctx.db, campaignId);
  if (!campaign) throw new NotFoundError('Campaign');
  const enrollment = await enrollmentRepository.visibleOf(ctx.db, campaignId, merchantId, access.scope);
  if (enrollment) return { campaign, enrollment };
  const seesCampaign = await campaignRepository.visible(ctx.db, campaignId, access.scope);
  if (!seesCampaign) throw new NotFoundError('Campaign');
  // Whether the merchant is held out, or in the segment at all, is not told: it may lie outside the caller's scope.
  throw new UnprocessableError('The merchant has no invitation in this campaign that you can answer.', [
    { field: '/body/merchantId', message: 'has no invitation you can answer' },
  ]);
}

/** The check-in must be the caller's own visit to this merchant, readable with their token. */
async function checkVisit(ctx: MarketingContext, access: Access, visitId: string, merchantId: string): Promise<void> {
  const problem = () =>
    new UnprocessableError('The visit is no evidence for this enrollment.', [
      { field: '/body/visitId', message: 'is not your check-in at this merchant' },
    ]);
  try {
    const { visit } = await ctx.rpc.client(CheckinService).getVisit({ id: visitId }, asCaller(access.caller.token));
    if (visit?.targetType !== 'merchant' || visit.targetId !== merchantId || visit.repId !== access.caller.userId) throw problem();
  } catch (error) {
    if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument)) throw problem();
    throw error;
  }
}

/** Staff or a rep on site record a merchant's answer; with a visit it is an on-site enrollment. */
export async function enrollMerchant(
  ctx: MarketingContext,
  access: Access,
  campaignId: string,
  input: EnrollInput,
): Promise<{ campaign: CampaignRow; enrollment: EnrollmentRow }> {
  const { campaign, enrollment } = await reachable(ctx, access, campaignId, input.merchantId);
  if (input.visitId !== undefined) await checkVisit(ctx, access, input.visitId, input.merchantId);
  const decided = await decideEnrollment(ctx, campaign, enrollment, {
    decision: input.decision,
    channel: input.visitId !== undefined ? 'on-site' : 'staff',
    by: access.caller.userId,
    visitId: input.visitId ?? null,
  });
  return { campaign, enrollment: decided };
}
