import type { FollowUpKind } from '@fieldops/contracts';
import type { Access, EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import { followUpRepository } from '../db/follow-up.repository';
import type { LeadRow } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import { followUp, type Ownership } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import { poolStateOf, writeOwnership } from './ownership';
import { poolPolicyOf, refused } from './pool-policy';
import { visibleLead } from './visible-lead';

export interface FollowUpInput {
  kind: FollowUpKind;
  note?: string;
  nextFollowUpAt?: string;
}

/** One follow-up to record, by the lead's holder; `visitId` when it comes from a field visit. */
export interface FollowUpRecord {
  userId: string;
  kind: FollowUpKind;
  note: string;
  /** Undefined keeps the lead's next follow-up date. */
  nextFollowUpAt: number | undefined;
  visitId: string | null;
}

/**
 * Writes a follow-up the pool allowed (`decision`: the protection extended up to the hard maximum) and publishes
 * `leads.lead.followed-up.v1`, in the caller's transaction: the API's and the visit consumer's one way to do it.
 */
export async function recordFollowUp(
  trx: Transaction<LeadsDb>,
  events: EventWriter,
  lead: LeadRow,
  decision: Ownership,
  record: FollowUpRecord,
  now: number,
): Promise<LeadRow> {
  const next = record.nextFollowUpAt ?? lead.next_follow_up_at;
  await followUpRepository.insert(trx, {
    id: uuidv7(),
    lead_id: lead.id,
    user_id: record.userId,
    kind: record.kind,
    note: record.note,
    next_follow_up_at: next,
    at: now,
    visit_id: record.visitId,
  });
  const after = await writeOwnership(trx, lead, decision, now, { next_follow_up_at: next });
  await events.append(leadEvents.followedUp(after, record.kind, record.note, record.userId));
  return after;
}

/** The holder records a call, visit, message or note; it extends the protection up to the hard maximum. */
export async function followUpLead(ctx: LeadsContext, access: Access, id: string, input: FollowUpInput): Promise<LeadRow> {
  const { caller } = access;
  const lead = await visibleLead(ctx, access, id);
  const now = ctx.clock.now();
  const decision = followUp(poolStateOf(lead), caller.userId, poolPolicyOf(ctx, lead.country), now);
  if (!decision.ok) throw refused(decision);
  const record: FollowUpRecord = {
    userId: caller.userId,
    kind: input.kind,
    note: input.note ?? '',
    nextFollowUpAt: input.nextFollowUpAt === undefined ? undefined : Date.parse(input.nextFollowUpAt),
    visitId: null,
  };
  return ctx.transact((trx, events) => recordFollowUp(trx, events, lead, decision, record, now));
}
