import type { CampaignStatus, CampaignType, EnrollmentState } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';
import type { RefreshPause } from '../domain/refresh-pause';

export interface CampaignTable {
  id: string;
  country: string;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  starts_at: number;
  ends_at: number;
  /** Money in minor units of the country's currency. */
  budget_minor: number;
  /** What one accepted merchant costs the budget. */
  cost_minor: number;
  /** At most this many merchants may accept (and no more than the budget pays for). */
  cap: number;
  currency: string;
  /** Accepted enrollments so far: the counter a conditional update keeps within the limit. */
  accepted: number;
  /** JSON: locale → terms text ('en' required). */
  terms: string;
  talking_points: string;
  /** JSON: the segment's filters (SegmentFilters). */
  filters: string;
  /** 1: each day, merchants that newly match the filters join the running campaign (as at launch). */
  daily_refresh: number;
  /** When the daily refresh last took in merchants (or found none new), and how many it took in. */
  last_refreshed_at: number | null;
  last_refresh_added: number | null;
  /** Why the last daily refresh took in nobody: its creator may no longer run campaigns (RefreshPause). */
  refresh_paused: RefreshPause | null;
  holdout_share: number | null;
  /** The seed the holdout was drawn from, set at launch (auditable: the split recomputes from it). */
  seed: string | null;
  launched_at: number | null;
  /** The team the campaign belongs to (scope): its creator's. */
  org_unit_id: string | null;
  created_by: string;
  version: number;
  created_at: number;
  updated_at: number;
}

/** The segment snapshot taken at launch: fixed and auditable. */
export interface CampaignMemberTable {
  campaign_id: string;
  merchant_id: string;
  /** treated: invited and visited; held-out: receives nothing, the comparison group. */
  cohort: 'treated' | 'held-out';
  /** "area|tier": the holdout's stratum. */
  stratum: string;
  merchant_name: string;
  country: string;
  area_id: string | null;
  tier: string | null;
  owner_id: string | null;
  org_unit_id: string | null;
  agency_id: string | null;
  lat: number;
  lng: number;
}

export interface EnrollmentTable {
  id: string;
  campaign_id: string;
  merchant_id: string;
  state: EnrollmentState;
  channel: 'link' | 'on-site' | 'staff' | 'expiry' | null;
  visit_id: string | null;
  decided_by: string | null;
  /** The merchant's owner and team at launch (scope, rep tasks, attribution). */
  owner_id: string | null;
  org_unit_id: string | null;
  agency_id: string | null;
  area_id: string | null;
  country: string;
  /** When the signed link stops working. */
  link_expires_at: number;
  invited_at: number;
  /** The first check-in at the merchant after the invitation (the funnel's "visited"). */
  visited_at: number | null;
  decided_at: number | null;
  cost_minor: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface MarketingDb extends PlatformTables {
  campaign: CampaignTable;
  campaign_member: CampaignMemberTable;
  enrollment: EnrollmentTable;
  link_key: { id: string; secret: string };
}
