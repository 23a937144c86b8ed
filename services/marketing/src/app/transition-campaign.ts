import type { CampaignStatus } from '@fieldops/contracts';
import { type Access, ConflictError, type EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { enrollmentRepository } from '../db/enrollment.repository';
import type { MarketingDb } from '../db/schema';
import { moveCampaign } from '../domain/campaign-state';
import { campaignEvents, enrollmentEvents, SERVICE_ACTOR } from '../events/published';
import { visibleCampaign } from './visible-campaign';

export function lostRace(): ConflictError {
  return new ConflictError('The campaign changed while you acted on it; read it again.', [], { code: 'conflict' });
}

/** The 409 of a move the state machine refuses: it names from, to and what is allowed. */
export function illegalMove(from: CampaignStatus, to: CampaignStatus): ConflictError | undefined {
  const decision = moveCampaign(from, to);
  if (decision.ok) return undefined;
  return new ConflictError(decision.message, [{ field: '/body/to', message: decision.message }], {
    code: 'illegal',
    from: decision.from,
    to: decision.to,
    allowed: decision.allowed,
  });
}

/**
 * Moves a campaign along its state machine. `running` is reached only by a launch (it needs the segment's snapshot);
 * ending or cancelling a launched campaign expires the invitations nobody answered and closes their rep tasks.
 */
export async function transitionCampaign(
  ctx: MarketingContext,
  access: Access,
  id: string,
  to: CampaignStatus,
  ifMatch: (current: number) => number,
): Promise<CampaignRow> {
  const campaign = await visibleCampaign(ctx, access, id);
  const expected = ifMatch(campaign.version);
  const refused = illegalMove(campaign.status, to);
  if (refused) throw refused;
  if (to === 'running') {
    throw new ConflictError('A campaign starts running by its launch (POST …/launch), which snapshots the segment.', [], {
      code: 'launch',
      from: campaign.status,
      to,
      allowed: ['launch'],
    });
  }
  const now = ctx.clock.now();
  const by = access.caller.userId;
  return ctx.transact(async (trx, events) => {
    if (!(await campaignRepository.update(trx, id, expected, { status: to, updated_at: now }))) throw lostRace();
    const after: CampaignRow = { ...campaign, status: to, version: expected + 1, updated_at: now };
    await events.append(campaignEvents.statusChanged(after, campaign.status, by));
    if (to === 'ended' || to === 'cancelled') await expireInvitations(trx, events, after, to, now);
    return after;
  });
}

async function expireInvitations(
  trx: Transaction<MarketingDb>,
  events: EventWriter,
  campaign: CampaignRow,
  to: CampaignStatus,
  now: number,
) {
  for (const row of await enrollmentRepository.invitedOf(trx, campaign.id)) {
    const decision = {
      state: 'expired' as const,
      channel: 'expiry' as const,
      decided_by: SERVICE_ACTOR,
      decided_at: now,
      cost_minor: 0,
      visit_id: null,
    };
    if (!(await enrollmentRepository.decide(trx, row, decision, now))) continue;
    const after = { ...row, ...decision, version: row.version + 1, updated_at: now };
    await events.append(enrollmentEvents.decided(after, campaign.currency, SERVICE_ACTOR));
    if (row.owner_id)
      await events.append(enrollmentEvents.taskClosed(after, row.owner_id, to === 'cancelled' ? 'cancelled' : 'expired', SERVICE_ACTOR));
  }
}
