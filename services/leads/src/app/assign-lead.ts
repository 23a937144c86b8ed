import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { type Access, asCaller, UnprocessableError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import type { LeadRow } from '../db/lead.repository';
import { assign } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import { poolStateOf, writeOwnership } from './ownership';
import { poolPolicyOf, refused } from './pool-policy';
import { visibleLead } from './visible-lead';

const badRep = (message: string, detail: string) => new UnprocessableError(detail, [{ field: '/body/repId', message }]);

/** The rep, read through the account service with the manager's own token: only people the manager can see. */
async function repOf(ctx: LeadsContext, token: string, repId: string, country: string) {
  try {
    const { user } = await ctx.rpc.client(AccountService).getUser({ id: repId }, asCaller(token));
    if (user?.status !== 'active') throw badRep('is not an active user', 'The rep is disabled.');
    if (user.country !== country) throw badRep(`must be a user in ${country}`, `The rep works in ${user.country}.`);
    return { orgUnitId: user.orgUnitId, agencyId: user.agencyId ?? null, roles: user.roleNames };
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.NotFound) {
      throw badRep('is not a user you can see', 'No such rep, or the rep is outside what you manage.');
    }
    throw error;
  }
}

/** A manager gives a lead to a rep, from the pool or from another rep (a transfer); the rep's limit applies. */
export async function assignLead(ctx: LeadsContext, access: Access, id: string, repId: string): Promise<LeadRow> {
  const { caller } = access;
  const lead = await visibleLead(ctx, access, id);
  const rep = await repOf(ctx, caller.token, repId, lead.country);
  const policy = poolPolicyOf(ctx, lead.country, rep.roles);
  const held = await holdingRepository.ensure(ctx.db, ctx.dialect, repId);
  const now = ctx.clock.now();
  const decision = assign(poolStateOf(lead), { userId: repId, held, lostAt: null }, policy, now);
  if (!decision.ok) throw refused(decision);
  const previous = lead.owner_id;
  return ctx.transact(async (trx, events) => {
    const after = await writeOwnership(trx, lead, decision, now, { org_unit_id: rep.orgUnitId, agency_id: rep.agencyId });
    if (previous !== null) {
      await holdingRepository.free(trx, previous);
      await claimHistoryRepository.record(trx, id, previous, 'transferred', now);
    }
    if (!(await holdingRepository.acquire(trx, repId, policy.claimLimit))) {
      throw refused({ ok: false, code: 'limit', message: `The rep holds the most leads allowed (${policy.claimLimit}).` });
    }
    await claimHistoryRepository.record(trx, id, repId, 'assigned', now);
    await events.append(leadEvents.assigned(after, previous, caller.userId));
    return after;
  });
}
