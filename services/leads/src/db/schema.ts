import type { ConversionStatus, FollowUpKind, LeadPool, LeadStage, PlaceCategory } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';

export interface LeadTable {
  id: string;
  name: string;
  /** @fieldops/geo `normalisePlaceName` of the name. */
  name_key: string;
  /** E.164. */
  phone: string | null;
  /** What the public pool shows instead of the phone. */
  phone_masked: string | null;
  address: string;
  category: PlaceCategory;
  /** WGS-84 degrees. */
  lat: number;
  lng: number;
  /** The point's H3 cells at res 7 and 9 (@fieldops/geo `placeCells`), indexed for nearby lookups. */
  h3_r7: string;
  h3_r9: string;
  area_id: string | null;
  country: string;
  /** Null: the lead is in the public pool. */
  owner_id: string | null;
  org_unit_id: string | null;
  agency_id: string | null;
  pool: LeadPool;
  stage: LeadStage;
  protected_until: number | null;
  claimed_at: number | null;
  /** The protected_until a recycle warning was published for (one warning per protection period). */
  warned_for: number | null;
  next_follow_up_at: number | null;
  /** A weak duplicate match found at capture. */
  duplicate_of: string | null;
  merchant_id: string | null;
  conversion_status: ConversionStatus;
  conversion_reason: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export type ClaimHistoryEvent = 'claimed' | 'released' | 'recycled' | 'assigned' | 'transferred';

export interface LeadClaimHistoryTable {
  id: string;
  lead_id: string;
  user_id: string;
  event: ClaimHistoryEvent;
  at: number;
}

/** How many leads a rep holds: the row the claim limit is enforced on atomically. */
export interface LeadHoldingTable {
  user_id: string;
  held: number;
}

export interface LeadFollowUpTable {
  id: string;
  lead_id: string;
  user_id: string;
  kind: FollowUpKind;
  note: string;
  next_follow_up_at: number | null;
  at: number;
  /** The field visit this follow-up was recorded from (checkin service), if any. */
  visit_id: string | null;
}

export interface LeadsDb extends PlatformTables {
  lead: LeadTable;
  lead_claim_history: LeadClaimHistoryTable;
  lead_holding: LeadHoldingTable;
  lead_follow_up: LeadFollowUpTable;
}
