import type { FollowUpKind } from '@fieldops/contracts';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import type { LeadRow } from '../db/lead.repository';
import { followUp } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import { type Access, visibleLead } from './access';
import { poolStateOf, writeOwnership } from './ownership';
import { poolPolicyOf, refused } from './pool-policy';

export interface FollowUpInput {
  kind: FollowUpKind;
  note?: string;
  nextFollowUpAt?: string;
}

/** The holder records a call, visit, message or note; it extends the protection up to the hard maximum. */
export async function followUpLead(ctx: LeadsContext, access: Access, id: string, input: FollowUpInput): Promise<LeadRow> {
  const { caller } = access;
  const lead = await visibleLead(ctx, access, id);
  const now = ctx.clock.now();
  const decision = followUp(poolStateOf(lead), caller.userId, poolPolicyOf(ctx, lead.country), now);
  if (!decision.ok) throw refused(decision);
  const next = input.nextFollowUpAt === undefined ? lead.next_follow_up_at : Date.parse(input.nextFollowUpAt);
  const note = input.note ?? '';
  return ctx.transact(async (trx, events) => {
    await trx
      .insertInto('lead_follow_up')
      .values({ id: uuidv7(), lead_id: id, user_id: caller.userId, kind: input.kind, note, next_follow_up_at: next, at: now })
      .execute();
    const after = await writeOwnership(trx, lead, decision, now, { next_follow_up_at: next });
    await events.append(leadEvents.followedUp(after, input.kind, note, caller.userId));
    return after;
  });
}
