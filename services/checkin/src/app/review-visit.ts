import { type Access, ConflictError, NotFoundError } from '@fieldops/platform';
import type { CheckinContext } from '../config';
import { type VisitRow, visitRepository } from '../db/visit.repository';
import { checkinEvents } from '../events/published';

export type ReviewDecision = 'approve' | 'reject';

/**
 * A supervisor's verdict on a flagged visit: approved visits count, rejected ones do not. Only visits in the reviewer's
 * scope (a team lead: their team's) and only visits waiting for review; nobody reviews their own visit.
 */
export async function reviewVisit(
  ctx: CheckinContext,
  { caller, scope }: Access,
  id: string,
  decision: ReviewDecision,
  reason: string,
): Promise<VisitRow> {
  const visit = await visitRepository.findById(ctx.db, id, scope);
  if (!visit) throw new NotFoundError('Visit');
  if (visit.rep_id === caller.userId) throw new ConflictError('You cannot review your own visit.');
  if (visit.verification !== 'pending-review') {
    throw new ConflictError(`The visit is ${visit.verification}, not waiting for review.`, [], { verification: visit.verification });
  }
  const now = ctx.clock.now();
  const changes = {
    verification: decision === 'approve' ? ('approved' as const) : ('rejected' as const),
    reviewed_by: caller.userId,
    review_reason: reason,
    reviewed_at: now,
    updated_at: now,
  };
  const reviewed: VisitRow = { ...visit, ...changes, version: Number(visit.version) + 1 };
  await ctx.transact(async (trx, events) => {
    if (!(await visitRepository.update(trx, id, Number(visit.version), changes))) {
      throw new ConflictError('The visit was reviewed or changed meanwhile; read it again.');
    }
    await events.append(checkinEvents.reviewed(reviewed, caller.userId, decision, reason));
  });
  return reviewed;
}
