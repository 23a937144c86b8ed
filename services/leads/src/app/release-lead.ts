import type { Access } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import type { LeadRow } from '../db/lead.repository';
import { release } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import { poolStateOf, writeOwnership } from './ownership';
import { refused } from './pool-policy';
import { visibleLead } from './visible-lead';

/** The holder gives the lead back to the public pool; the cooldown for re-claiming it starts now. */
export async function releaseLead(ctx: LeadsContext, access: Access, id: string): Promise<LeadRow> {
  const { caller } = access;
  const lead = await visibleLead(ctx, access, id);
  const decision = release(poolStateOf(lead), caller.userId);
  if (!decision.ok) throw refused(decision);
  const now = ctx.clock.now();
  return ctx.transact(async (trx, events) => {
    const after = await writeOwnership(trx, lead, decision, now);
    await holdingRepository.free(trx, caller.userId);
    await claimHistoryRepository.record(trx, id, caller.userId, 'released', now);
    await events.append(leadEvents.released(after, caller.userId, caller.userId));
    return after;
  });
}
