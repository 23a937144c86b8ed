import { MerchantService } from '@fieldops/contracts';
import type { EventWriter } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { MarketingContext } from '../config';
import type { CampaignRow } from '../db/campaign.repository';
import type { EnrollmentRow } from '../db/enrollment.repository';
import type { MemberRow } from '../db/member.repository';
import { type HoldoutSplit, stratumOf } from '../domain/holdout';
import { signInvitation } from '../domain/invitation-link';
import { type Terms, termsIn } from '../domain/terms';
import { enrollmentEvents } from '../events/published';
import type { SegmentMember, SegmentReader } from './segment';

const MERCHANT_BATCH = 500;

export interface MerchantFacts {
  orgUnitId: string | null;
  agencyId: string | null;
  emails: { name: string; email: string }[];
}

/** What the merchant service knows of the treated merchants that search does not carry: team, agency, contacts. */
export async function merchantFacts(ctx: MarketingContext, reader: SegmentReader, ids: string[]): Promise<Map<string, MerchantFacts>> {
  const facts = new Map<string, MerchantFacts>();
  const client = ctx.rpc.client(MerchantService);
  for (let i = 0; i < ids.length; i += MERCHANT_BATCH) {
    const { merchants } = await client.batchGetMerchants({ ids: ids.slice(i, i + MERCHANT_BATCH) }, reader.call);
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

/** The rows and events of merchants joining a campaign: every one a member, the treated ones also invited. */
export interface Joining {
  members: MemberRow[];
  treated: SegmentMember[];
  enrollments: EnrollmentRow[];
  facts: Map<string, MerchantFacts>;
}

/** Splits `joining` by `split` and reads what the invitations of the treated need. */
export async function joiningRows(
  ctx: MarketingContext,
  reader: SegmentReader,
  campaign: CampaignRow,
  joining: SegmentMember[],
  split: HoldoutSplit,
  now: number,
): Promise<Joining> {
  const treated = joining.filter((m) => !split.heldOut.has(m.merchantId));
  const facts = await merchantFacts(
    ctx,
    reader,
    treated.map((m) => m.merchantId),
  );
  return {
    members: joining.map((m) => memberRow(campaign.id, m, split.heldOut.has(m.merchantId), facts.get(m.merchantId))),
    treated,
    enrollments: treated.map((m) => enrollmentRow(campaign, m, facts.get(m.merchantId), now)),
    facts,
  };
}

/**
 * Each treated merchant's invitation (a message to its contacts with a signed link) and its owner's visit task, as
 * events in the transaction that wrote the enrollments. Held-out merchants get nothing.
 */
export async function appendInvitations(
  ctx: MarketingContext,
  events: EventWriter,
  campaign: CampaignRow,
  joining: Joining,
  by: string,
): Promise<void> {
  const locale = ctx.countries.get(campaign.country).locale;
  const terms = termsIn(JSON.parse(campaign.terms) as Terms, locale);
  for (const [i, enrollment] of joining.enrollments.entries()) {
    const member = joining.treated[i] as SegmentMember;
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
          contacts: joining.facts.get(member.merchantId)?.emails ?? [],
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
