import { ConflictError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { type Decision, type EnrollmentRow, enrollmentRepository } from '../db/enrollment.repository';
import { acceptsEnrollments } from '../domain/campaign-state';
import { enrollmentEvents } from '../events/published';
import { limitOf } from './campaign-view';

export type MerchantDecision = 'accepted' | 'declined';

export interface DecisionInput {
  decision: MerchantDecision;
  channel: 'link' | 'on-site' | 'staff';
  /** The user who recorded it, or `merchant` through the link page. */
  by: string;
  visitId: string | null;
}

/** Thrown inside the transaction when another decision of the same enrollment committed first. */
class DecidedMeanwhile extends Error {}

function alreadyDecided(row: EnrollmentRow, wanted: MerchantDecision): ConflictError {
  return new ConflictError(`The invitation was already ${row.state}.`, [{ field: '/body/decision', message: `already ${row.state}` }], {
    code: 'decided',
    from: row.state,
    to: wanted,
    allowed: [],
  });
}

/**
 * Records a merchant's answer to an invitation: invited → accepted | declined. The same answer again is a no-op
 * that returns the enrollment as it is (idempotent); another answer after one is a 409. An acceptance takes one
 * of the campaign's paid slots in the same transaction (a conditional update of the campaign's counter), so
 * concurrent acceptances never pass the cap or the budget: the ones that find no slot left get a 409.
 */
export async function decideEnrollment(
  ctx: MarketingContext,
  campaign: CampaignRow,
  enrollment: EnrollmentRow,
  input: DecisionInput,
): Promise<EnrollmentRow> {
  if (enrollment.state === input.decision) return enrollment;
  if (enrollment.state !== 'invited') throw alreadyDecided(enrollment, input.decision);
  if (!acceptsEnrollments(campaign.status)) {
    throw new ConflictError(`A ${campaign.status} campaign takes no enrollments.`, [], {
      code: 'not-running',
      from: enrollment.state,
      to: input.decision,
      allowed: [],
    });
  }
  const now = ctx.clock.now();
  const decision: Decision = {
    state: input.decision,
    channel: input.channel,
    visit_id: input.visitId,
    decided_by: input.by,
    decided_at: now,
    cost_minor: input.decision === 'accepted' ? campaign.cost_minor : 0,
  };
  try {
    return await ctx.transact(
      async (trx, events) => {
        if (input.decision === 'accepted' && !(await campaignRepository.takeSlot(trx, campaign.id, limitOf(campaign)))) {
          throw new ConflictError(
            'The campaign is full: its cap or budget is used up.',
            [{ field: '/body/decision', message: 'no slot left' }],
            {
              code: 'full',
              from: enrollment.state,
              to: input.decision,
              allowed: ['declined'],
            },
          );
        }
        if (!(await enrollmentRepository.decide(trx, enrollment, decision, now))) throw new DecidedMeanwhile();
        const after: EnrollmentRow = { ...enrollment, ...decision, version: enrollment.version + 1, updated_at: now } as EnrollmentRow;
        await events.append(enrollmentEvents.decided(after, campaign.currency, input.by));
        if (after.owner_id) await events.append(enrollmentEvents.taskClosed(after, after.owner_id, input.decision, input.by));
        return after;
      },
      { retryLockConflicts: true },
    );
  } catch (error) {
    if (!(error instanceof DecidedMeanwhile)) throw error;
    // Another request decided first (its transaction rolled ours back, slot included): answer as if it came first.
    const current = await enrollmentRepository.byId(ctx.db, enrollment.id);
    if (current?.state === input.decision) return current;
    throw alreadyDecided(current ?? enrollment, input.decision);
  }
}
