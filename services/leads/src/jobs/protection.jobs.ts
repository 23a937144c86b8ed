import type { JobDefinition } from '@fieldops/platform';
import { poolStateOf, writeLead, writeOwnership } from '../app/ownership';
import { poolPolicyOf } from '../app/pool-policy';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import { leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import { DAY_MS, needsRecycleWarning, recycle } from '../domain/lead-pool';
import { leadEvents } from '../events/published';

const BATCH = 200;
/** Warnings are looked for this far ahead; each lead's own country decides whether it is due. */
const WARNING_HORIZON_MS = 60 * DAY_MS;

/** Returns leads whose protection ended to the public pool; a lead changed meanwhile is left for the next run. */
export async function recycleExpired(ctx: LeadsContext): Promise<number> {
  const now = ctx.clock.now();
  let recycled = 0;
  for (const lead of await leadRepository.expired(ctx.db, now, BATCH)) {
    const previous = lead.owner_id;
    const decision = recycle(poolStateOf(lead), now);
    if (!decision.ok || previous === null) continue;
    try {
      await ctx.transact(async (trx, events) => {
        const after = await writeOwnership(trx, lead, decision, now);
        await holdingRepository.free(trx, previous);
        await claimHistoryRepository.record(trx, lead.id, previous, 'recycled', now);
        await events.append(leadEvents.recycled(after, previous));
      });
      recycled++;
    } catch (error) {
      ctx.log.debug({ err: error, leadId: lead.id }, 'recycle skipped: the lead changed');
    }
  }
  return recycled;
}

/** Warns the holder W days before recycling, once per protection period. */
export async function warnExpiring(ctx: LeadsContext): Promise<number> {
  const now = ctx.clock.now();
  let warned = 0;
  for (const lead of await leadRepository.expiringUnwarned(ctx.db, now, WARNING_HORIZON_MS, BATCH)) {
    const { owner_id: ownerId, protected_until: until } = lead;
    if (ownerId === null || until === null || !needsRecycleWarning(poolStateOf(lead), poolPolicyOf(ctx, lead.country), now)) continue;
    try {
      await ctx.transact(async (trx, events) => {
        const after = await writeLead(trx, lead, { warned_for: until }, now);
        await events.append(leadEvents.recycleWarning(after, ownerId, until));
      });
      warned++;
    } catch (error) {
      ctx.log.debug({ err: error, leadId: lead.id }, 'recycle warning skipped: the lead changed');
    }
  }
  return warned;
}

export function protectionJobs(everyMs: number): JobDefinition<LeadsDb>[] {
  return [
    { name: 'leads.recycle-warning', everyMs, run: async (ctx) => void (await warnExpiring(ctx)) },
    { name: 'leads.recycle-expired', everyMs, run: async (ctx) => void (await recycleExpired(ctx)) },
  ];
}
