import type { VisitSnapshot } from '@fieldops/contracts';
import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { LeadsContext } from '../config';
import { followUpRepository } from '../db/follow-up.repository';
import { leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import { followUp } from '../domain/lead-pool';
import { recordFollowUp } from './follow-up-lead';
import { poolStateOf } from './ownership';
import { poolPolicyOf } from './pool-policy';

/**
 * A visit checked out at a lead counts as a follow-up of kind `visit` by the rep, extending the lead's protection
 * by the same rules as one recorded by hand — when the rep still holds the lead and the visit was not rejected.
 * A visit counts once: its id is kept on the follow-up (a unique column), whatever event carries it again.
 */
export async function followUpFromVisit(ctx: LeadsContext, trx: Transaction<LeadsDb>, events: EventWriter, visit: VisitSnapshot) {
  if (visit.targetType !== 'lead' || visit.verification === 'rejected') return;
  const lead = await leadRepository.byId(trx, visit.targetId);
  if (!lead || lead.owner_id !== visit.repId) return;
  if (await followUpRepository.hasVisit(trx, visit.id)) return;
  const now = ctx.clock.now();
  const decision = followUp(poolStateOf(lead), visit.repId, poolPolicyOf(ctx, lead.country), now);
  // A lead closed meanwhile (converted, lost) takes no more follow-ups; the visit itself stays in checkin.
  if (!decision.ok) return;
  const record = {
    userId: visit.repId,
    kind: 'visit' as const,
    note: visit.notes.slice(0, 2000),
    nextFollowUpAt: visit.followUpAt === null ? undefined : Date.parse(visit.followUpAt),
    visitId: visit.id,
  };
  await recordFollowUp(trx, events, lead, decision, record, now);
}
