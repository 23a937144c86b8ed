import { type Access, decodeIdCursor, toPage } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type FunnelStep, memberRepository } from '../db/member.repository';
import { visibleCampaign } from './visible-campaign';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The merchants behind one step of a campaign's funnel (the drill-down of each count), within the caller's scope. */
export async function listMembers(
  ctx: MarketingContext,
  access: Access,
  campaignId: string,
  query: { step?: FunnelStep; limit: number; cursor?: string },
) {
  await visibleCampaign(ctx, access, campaignId);
  const rows = await memberRepository.list(ctx.db, campaignId, access.scope, {
    step: query.step ?? 'segment',
    after: decodeIdCursor(query.cursor),
    limit: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => [row.merchant_id],
    (row) => ({
      merchantId: row.merchant_id,
      name: row.merchant_name,
      cohort: row.cohort,
      areaId: row.area_id,
      ownerId: row.owner_id,
      tier: row.tier,
      lat: row.lat,
      lng: row.lng,
      state: row.state,
      channel: row.channel,
      visitedAt: iso(row.visited_at),
      decidedAt: iso(row.decided_at),
    }),
  );
}
