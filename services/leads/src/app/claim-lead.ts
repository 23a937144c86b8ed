import { type Access, ConflictError, NotFoundError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { claim } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import { poolStateOf, writeOwnership } from './ownership';
import { poolPolicyOf, refused } from './pool-policy';
import { visibleLead } from './visible-lead';

/** A claim racing another one that won less than this ago answers 409 (lost race), not 404 (never existed). */
const RACE_WINDOW_MS = 60_000;

async function claimable(ctx: LeadsContext, access: Access, id: string): Promise<LeadRow> {
  try {
    return await visibleLead(ctx, access, id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    if (await leadRepository.takenSince(ctx.db, id, access.scope, ctx.clock.now() - RACE_WINDOW_MS)) {
      throw new ConflictError('Another rep has just claimed this lead.', [], { code: 'taken' });
    }
    throw error;
  }
}

/** A rep takes a lead from the public pool: one winner among concurrent claimers, never past the rep's limit. */
export async function claimLead(ctx: LeadsContext, access: Access, id: string): Promise<LeadRow> {
  const { caller } = access;
  const lead = await claimable(ctx, access, id);
  const policy = poolPolicyOf(ctx, lead.country, caller.roles);
  const held = await holdingRepository.ensure(ctx.db, ctx.dialect, caller.userId);
  const lostAt = await claimHistoryRepository.lastLost(ctx.db, id, caller.userId);
  const now = ctx.clock.now();
  const decision = claim(poolStateOf(lead), { userId: caller.userId, held, lostAt }, policy, now);
  if (!decision.ok) throw refused(decision);
  return ctx.transact(async (trx, events) => {
    const team = { org_unit_id: caller.orgUnitId, agency_id: caller.agencyId };
    const after = await writeOwnership(trx, lead, decision, now, team, { unowned: true });
    if (!(await holdingRepository.acquire(trx, caller.userId, policy.claimLimit))) {
      throw refused({ ok: false, code: 'limit', message: `You hold the most leads allowed (${policy.claimLimit}).` });
    }
    await claimHistoryRepository.record(trx, id, caller.userId, 'claimed', now);
    await events.append(leadEvents.claimed(after, caller.userId));
    return after;
  });
}
