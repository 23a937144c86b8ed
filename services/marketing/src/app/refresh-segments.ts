import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository, type RefreshOutcome } from '../db/campaign.repository';
import { enrollmentRepository } from '../db/enrollment.repository';
import { memberRepository } from '../db/member.repository';
import { splitAdded } from '../domain/holdout';
import type { SegmentFilters } from '../domain/segment-filters';
import { campaignEvents, SERVICE_ACTOR } from '../events/published';
import { appendInvitations, joiningRows } from './invite-members';
import { creatorReader, segmentMembers } from './segment';

export interface RefreshReport {
  campaigns: number;
  added: number;
  /** Campaigns that took in nobody because their creator may no longer run campaigns. */
  paused: number;
}

/**
 * The daily refresh: each running campaign that asked for it takes in the merchants that match its saved filters now
 * and are not yet members. The segment is read within its creator's data scope as the account service resolves it
 * today, and only while the creator still holds the permission creating the campaign needed: a campaign must not
 * reach further than the person behind it may now. The newcomers are held out by the campaign's share and strata,
 * and the treated ones invited as at launch. Running it again adds nothing until other merchants match. Each
 * campaign records what its refresh did (or why it took in nobody) for its page.
 */
export async function refreshSegments(ctx: MarketingContext): Promise<RefreshReport> {
  const report: RefreshReport = { campaigns: 0, added: 0, paused: 0 };
  for (const campaign of await campaignRepository.dailyRefreshing(ctx.db, ctx.clock.now())) {
    const outcome = await refreshCampaign(ctx, campaign);
    report.campaigns++;
    if ('paused' in outcome) report.paused++;
    else report.added += outcome.added;
  }
  return report;
}

async function refreshCampaign(ctx: MarketingContext, campaign: CampaignRow): Promise<RefreshOutcome | { added: number }> {
  const reader = await creatorReader(ctx, campaign.created_by);
  if ('paused' in reader) {
    ctx.log.warn({ campaignId: campaign.id, reason: reader.paused }, 'campaign refresh paused: it takes in nobody');
    await campaignRepository.recordRefresh(ctx.db, campaign.id, reader);
    return reader;
  }
  const segment = await segmentMembers(ctx, reader, campaign.country, JSON.parse(campaign.filters) as SegmentFilters);
  const present = await memberRepository.merchantsOf(ctx.db, campaign.id);
  const newcomers = segment.filter((m) => !present.ids.has(m.merchantId));
  const now = ctx.clock.now();
  if (newcomers.length === 0) {
    const outcome = { at: now, added: 0 };
    await campaignRepository.recordRefresh(ctx.db, campaign.id, outcome);
    return outcome;
  }
  const split = splitAdded(
    newcomers,
    { members: present.ids.size, heldOut: present.heldOut },
    campaign.holdout_share ?? 0,
    campaign.seed ?? campaign.id,
  );
  const joining = await joiningRows(ctx, reader, campaign, newcomers, split, now);
  return ctx.transact(async (trx, events) => {
    // A campaign ended, cancelled or refreshed meanwhile takes nobody in twice: the whole batch waits for the next run.
    const current = await campaignRepository.byId(trx, campaign.id);
    if (current?.status !== 'running' || current.ends_at <= now) return { added: 0 };
    const again = await memberRepository.merchantsOf(trx, campaign.id);
    if (newcomers.some((m) => again.ids.has(m.merchantId))) return { added: 0 };
    await memberRepository.insertAll(trx, joining.members);
    await enrollmentRepository.insertAll(trx, joining.enrollments);
    await events.append(
      campaignEvents.membersAdded(
        current,
        {
          campaignId: campaign.id,
          day: new Date(now).toISOString().slice(0, 10),
          members: joining.members.length,
          treated: joining.treated.length,
          heldOut: split.heldOut.size,
          added: joining.members.map((m) => ({ merchantId: m.merchant_id, cohort: m.cohort })),
        },
        SERVICE_ACTOR,
      ),
    );
    await appendInvitations(ctx, events, current, joining, SERVICE_ACTOR);
    const outcome = { at: now, added: joining.members.length };
    await campaignRepository.recordRefresh(trx, campaign.id, outcome);
    return outcome;
  });
}
