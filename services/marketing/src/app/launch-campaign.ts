import { randomBytes } from 'node:crypto';
import { MerchantService } from '@fieldops/contracts';
import { type Access, asCaller, ConflictError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { type EnrollmentRow, enrollmentRepository } from '../db/enrollment.repository';
import { type MemberRow, memberRepository } from '../db/member.repository';
import { splitHoldout, stratumOf } from '../domain/holdout';
import { signInvitation } from '../domain/invitation-link';
import type { SegmentFilters } from '../domain/segment-filters';
import { type Terms, termsIn } from '../domain/terms';
import { campaignEvents, enrollmentEvents } from '../events/published';
import { type SegmentMember, segmentMembers } from './segment';
import { illegalMove, lostRace } from './transition-campaign';
import { visibleCampaign } from './visible-campaign';

const MERCHANT_BATCH = 500;

interface MerchantFacts {
  orgUnitId: string | null;
  agencyId: string | null;
  emails: { name: string; email: string }[];
}

/** What the merchant service knows of the treated merchants that search does not carry: team, agency, contacts. */
async function merchantFacts(ctx: MarketingContext, access: Access, ids: string[]): Promise<Map<string, MerchantFacts>> {
  const facts = new Map<string, MerchantFacts>();
  const client = ctx.rpc.client(MerchantService);
  for (let i = 0; i < ids.length; i += MERCHANT_BATCH) {
    const { merchants } = await client.batchGetMerchants({ ids: ids.slice(i, i + MERCHANT_BATCH) }, asCaller(access.caller.token));
    for (const m of merchants) {
      facts.set(m.id, {
        orgUnitId: m.orgUnitId ?? null,
        agencyId: m.agencyId ?? null,
        emails: m.contacts.filter((c) => c.email).map((c) => ({ name: c.name, email: c.email ?? '' })),
      });
    }
  }
  return facts;
}

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
  const segment = await segmentMembers(ctx, access, campaign.country, filters, '/campaign/filters');
  const seed = randomBytes(16).toString('hex');
  const split = splitHoldout(segment, holdoutShare, seed);
  const treated = segment.filter((m) => !split.heldOut.has(m.merchantId));
  const facts = await merchantFacts(
    ctx,
    access,
    treated.map((m) => m.merchantId),
  );
  const now = ctx.clock.now();
  const by = access.caller.userId;
  const locale = ctx.countries.get(campaign.country).locale;
  const terms = termsIn(JSON.parse(campaign.terms) as Terms, locale);
  const members: MemberRow[] = segment.map((m) => memberRow(campaign.id, m, split.heldOut.has(m.merchantId), facts.get(m.merchantId)));
  const enrollments: EnrollmentRow[] = treated.map((m) => enrollmentRow(campaign, m, facts.get(m.merchantId), now));

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
    for (const [i, enrollment] of enrollments.entries()) {
      const member = treated[i] as SegmentMember;
      const token = signInvitation(enrollment.id, enrollment.link_expires_at, ctx.deps.linkSecret);
      await events.append(
        enrollmentEvents.invited(
          {
            enrollmentId: enrollment.id,
            campaignId: campaign.id,
            campaignName: campaign.name,
            merchantId: member.merchantId,
            merchantName: member.name,
            country: campaign.country,
            locale,
            contacts: facts.get(member.merchantId)?.emails ?? [],
            link: `/m/campaigns/${token}`,
            expiresAt: new Date(enrollment.link_expires_at).toISOString(),
            terms,
          },
          by,
        ),
      );
      if (member.ownerId) {
        await events.append(
          enrollmentEvents.taskOpened(
            {
              taskId: enrollment.id,
              campaignId: campaign.id,
              campaignName: campaign.name,
              merchantId: member.merchantId,
              merchantName: member.name,
              repId: member.ownerId,
              country: campaign.country,
              talkingPoints: campaign.talking_points,
              lat: member.lat,
              lng: member.lng,
              dueAt: new Date(campaign.ends_at).toISOString(),
            },
            by,
          ),
        );
      }
    }
    return after;
  });
  return { campaign: launched, members: members.length, treated: treated.length, heldOut: split.heldOut.size, strata: split.strata };
}

function memberRow(campaignId: string, m: SegmentMember, heldOut: boolean, facts: MerchantFacts | undefined): MemberRow {
  return {
    campaign_id: campaignId,
    merchant_id: m.merchantId,
    cohort: heldOut ? 'held-out' : 'treated',
    stratum: stratumOf(m),
    merchant_name: m.name.slice(0, 200),
    country: m.country,
    area_id: m.areaId,
    tier: m.tier,
    owner_id: m.ownerId,
    org_unit_id: facts?.orgUnitId ?? null,
    agency_id: facts?.agencyId ?? null,
    lat: m.lat,
    lng: m.lng,
  };
}

function enrollmentRow(campaign: CampaignRow, m: SegmentMember, facts: MerchantFacts | undefined, now: number): EnrollmentRow {
  return {
    id: uuidv7(),
    campaign_id: campaign.id,
    merchant_id: m.merchantId,
    state: 'invited',
    channel: null,
    visit_id: null,
    decided_by: null,
    owner_id: m.ownerId,
    org_unit_id: facts?.orgUnitId ?? null,
    agency_id: facts?.agencyId ?? null,
    area_id: m.areaId,
    country: campaign.country,
    // The link works as long as the campaign runs.
    link_expires_at: Math.max(campaign.ends_at, now + 86_400_000),
    invited_at: now,
    visited_at: null,
    decided_at: null,
    cost_minor: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}
