import type { VisitOutcome, VisitTargetType, VisitVerification } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';

export interface VisitTable {
  /** Made by the client (offline) or the server: a UUID either way. */
  id: string;
  rep_id: string;
  /** The rep's org unit and agency at check-in (team and agency scope). */
  org_unit_id: string | null;
  agency_id: string | null;
  country: string;
  /** The target's area, when it has one (area scope). */
  area_id: string | null;
  target_type: VisitTargetType;
  /** Another service's id: no foreign key. */
  target_id: string;
  target_name: string;
  /** WGS-84 degrees, always: clients in China are converted at the edge. */
  target_lat: number;
  target_lng: number;
  lat: number;
  lng: number;
  accuracy_m: number;
  distance_m: number;
  mock_location: number;
  /** The app queued the check-in offline and replayed it (clock skew then only counts when the clock is ahead). */
  offline: number;
  /** When the visit began, epoch ms; the list order. The server's time, or an offline check-in's device time (see domain/visit-time). */
  checked_in_at: number;
  /** The device's clock at the check-in, as it said: evidence, not the record's time. */
  device_checked_in_at: number | null;
  /** Server time the check-in arrived. */
  received_at: number;
  /** SHA-256 of the check-in request: a replay with the same id must carry the same body. */
  check_in_fingerprint: string;
  checked_out_at: number | null;
  check_out_received_at: number | null;
  check_out_fingerprint: string | null;
  dwell_seconds: number | null;
  outcome: VisitOutcome | null;
  notes: string;
  follow_up_at: number | null;
  /** JSON: question id → answer. */
  answers: string;
  /** JSON: file ids, check-in's then check-out's. */
  photo_ids: string;
  risk_score: number;
  /** JSON: RiskSignal[]. */
  risk_signals: string;
  verification: VisitVerification;
  reviewed_by: string | null;
  review_reason: string | null;
  reviewed_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/** A photo used as visit evidence, by its bytes' hash: the same hash on two visits is a reused photo. */
export interface VisitPhotoTable {
  visit_id: string;
  photo_id: string;
  sha256: string;
  created_at: number;
}

/** A check-out that arrived before its check-in (offline replay out of order): applied when the check-in arrives. */
export interface PendingCheckOutTable {
  visit_id: string;
  rep_id: string;
  /** JSON: the check-out request as received. */
  body: string;
  fingerprint: string;
  received_at: number;
  /** Why it could not be applied when its check-in arrived (e.g. answers the template refuses); null while waiting. */
  problem: string | null;
  created_at: number;
}

/** A campaign's visit task for a rep (from the marketing service's task events); closed when the merchant answers. */
export interface CampaignTaskTable {
  /** The marketing enrollment's id. */
  id: string;
  rep_id: string;
  campaign_id: string;
  campaign_name: string;
  merchant_id: string;
  merchant_name: string;
  country: string;
  talking_points: string;
  lat: number;
  lng: number;
  due_at: number;
  /** accepted | declined | expired | cancelled, once closed. */
  closed_reason: string | null;
  opened_at: number;
  closed_at: number | null;
}

export interface DayPlanTable {
  id: string;
  rep_id: string;
  /** YYYY-MM-DD in the country's timezone. */
  plan_date: string;
  country: string;
  org_unit_id: string | null;
  agency_id: string | null;
  /** JSON: PlanStop[] in visiting order (WGS-84). */
  stops: string;
  total_distance_m: number;
  travel_seconds: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface CheckinDb extends PlatformTables {
  visit: VisitTable;
  visit_photo: VisitPhotoTable;
  pending_check_out: PendingCheckOutTable;
  day_plan: DayPlanTable;
  campaign_task: CampaignTaskTable;
}
