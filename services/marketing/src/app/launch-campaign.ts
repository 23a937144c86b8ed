import { randomBytes } from 'node:crypto';
import { type Access, ConflictError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { enrollmentRepository } from '../db/enrollment.repository';
import { memberRepository } from '../db/member.repository';
import { splitHoldout } from '../domain/holdout';
import type { SegmentFilters } from '../domain/segment-filters';
import { campaignEvents } from '../events/published';
import { appendInvitations, joiningRows } from './invite-members';
import { checkReferences, readerOf, segmentMembers } from './segment';
import { illegalMove, lostRace } from './transition-campaign';
import { visibleCampaign } from './visible-campaign';

export interface LaunchReport {
  campaign: CampaignRow;
  members: number;
  treated: number;
  heldOut: number;
  strata: { key: string; members: number; heldOut: number }[];
}

/**
 * Launches a scheduled campaign: snapshots its segment (fixed from now on), holds out `holdoutShare` of it
 * stratified by area and tier from a fresh seed stored on the campaign, and invites the rest — an enrollment, a
 * message to the merchant's contacts with a signed link, and a visit task for the merchant's owner. Held-out
 * merchants get nothing.
 */
export async function launchCampaign(
  ctx: MarketingContext,
  access: Access,
  id: string,
  holdoutShare: number,
  ifMatch: (current: number) => number,
): Promise<LaunchReport> {
  const campaign = await visibleCampaign(ctx, access, id);
  const expected = ifMatch(campaign.version);
  if (campaign.status !== 'scheduled') {
    const refused = illegalMove(campaign.status, 'running');
    throw (
      refused ??
      new ConflictError(`A ${campaign.status} campaign cannot be launched; schedule it first.`, [], {
        code: 'illegal',
        from: campaign.status,
        to: 'running',
        allowed: ['scheduled'],
      })
    );
  }
  const filters = JSON.parse(campaign.filters) as SegmentFilters;
  await checkReferences(ctx, access, filters, '/campaign/filters');
  const reader = readerOf(access);
  const segment = await segmentMembers(ctx, reader, campaign.country, filters);
  const seed = randomBytes(16).toString('hex');
  const split = splitHoldout(segment, holdoutShare, seed);
  const now = ctx.clock.now();
  const by = access.caller.userId;
  const joining = await joiningRows(ctx, reader, campaign, segment, split, now);
  const { members, treated, enrollments } = joining;

  const launched = await ctx.transact(async (trx, events) => {
    const changes = { status: 'running' as const, holdout_share: holdoutShare, seed, launched_at: now, updated_at: now };
    if (!(await campaignRepository.update(trx, campaign.id, expected, changes))) throw lostRace();
    const after: CampaignRow = { ...campaign, ...changes, version: expected + 1 };
    await memberRepository.insertAll(trx, members);
    await enrollmentRepository.insertAll(trx, enrollments);
    await events.append(campaignEvents.statusChanged(after, campaign.status, by));
    await events.append(
      campaignEvents.launched(after, { members: members.length, treated: treated.length, heldOut: split.heldOut.size }, by),
    );
    await appendInvitations(ctx, events, after, joining, by);
    return after;
  });
  return { campaign: launched, members: members.length, treated: treated.length, heldOut: split.heldOut.size, strata: split.strata };
}
