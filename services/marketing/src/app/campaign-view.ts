import type { CampaignRow } from '../db/campaign.repository';
import { enrollmentLimit } from '../domain/budget';
import type { SegmentFilters } from '../domain/segment-filters';
import type { Terms } from '../domain/terms';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const limitOf = (row: CampaignRow) => enrollmentLimit({ budgetMinor: row.budget_minor, costMinor: row.cost_minor, cap: row.cap });

export function toCampaignView(row: CampaignRow) {
  return {
    id: row.id,
    country: row.country,
    name: row.name,
    type: row.type,
    status: row.status,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    budget: {
      budgetMinor: row.budget_minor,
      costMinor: row.cost_minor,
      cap: row.cap,
      currency: row.currency,
      limit: limitOf(row),
      accepted: row.accepted,
      spentMinor: row.accepted * row.cost_minor,
    },
    terms: JSON.parse(row.terms) as Terms,
    talkingPoints: row.talking_points,
    filters: JSON.parse(row.filters) as SegmentFilters,
    dailyRefresh: row.daily_refresh === 1,
    lastRefresh:
      row.last_refreshed_at === null ? null : { at: new Date(row.last_refreshed_at).toISOString(), added: row.last_refresh_added ?? 0 },
    refreshPaused: row.refresh_paused,
    holdoutShare: row.holdout_share,
    seed: row.seed,
    launchedAt: iso(row.launched_at),
    orgUnitId: row.org_unit_id,
    createdBy: row.created_by,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type CampaignView = ReturnType<typeof toCampaignView>;
