import type { PlatformTables } from '@fieldops/platform';

/**
 * One credited fact: a figure is the sum of `credit` over its facts. Facts are never edited: a correction (a visit
 * rejected after it counted) is a new fact with the opposite credit that `reverses` the one it takes back, in the
 * same period as that one.
 */
export interface PerformanceFactTable {
  id: string;
  /** A metric of src/metrics, e.g. `verified-visits`. */
  metric: string;
  /** The user credited, with their team, agency and area when the credited thing happened. */
  user_id: string;
  org_unit_id: string | null;
  agency_id: string | null;
  area_id: string | null;
  country: string;
  /** When the credited thing happened (epoch ms), and its periods in the country's timezone. */
  occurred_at: number;
  day: string;
  week: string;
  month: string;
  quarter: string;
  /** What was credited: `visit`, `lead` or `merchant`, and its id. */
  source_type: string;
  source_id: string;
  /** The event that made this fact: each event credits a metric once. */
  source_event_id: string;
  credit: number;
  /** The fact this one takes back, for a reversal. */
  reverses: string | null;
  recorded_at: number;
}

/**
 * Where each credited source stands per metric: the newest source version applied, so an older event arriving late
 * changes nothing (order safety), and the credit its facts sum to.
 */
export interface PerformanceSourceTable {
  metric: string;
  source_type: string;
  source_id: string;
  version: number;
  credit: number;
}

/** Who owns each merchant, from the merchant service's events (its status events name no owner). */
export interface PerformanceMerchantTable {
  merchant_id: string;
  owner_id: string | null;
  org_unit_id: string | null;
  agency_id: string | null;
  area_id: string | null;
  country: string;
  version: number;
}

/** The org tree, from the account service's events: a team's figure and board cover its whole subtree. */
export interface PerformanceOrgUnitTable {
  id: string;
  parent_id: string | null;
  country: string;
  version: number;
}

/** A merchant's business figures for one local day, as the O2O platform last sent them. */
export interface PerformanceMerchantDayTable {
  merchant_id: string;
  /** YYYY-MM-DD in the merchant's country. */
  day: string;
  orders: number;
  /** Gross merchandise value in the currency's minor units. */
  gmv_minor: number;
  currency: string;
  updated_at: number;
}

/** A target per metric × period × user or org unit. */
export interface PerformanceTargetTable {
  id: string;
  metric: string;
  /** A period key: `2026-12`, `2026-W49`, `2026-Q4`, `2026-12-04`. */
  period: string;
  subject_type: 'user' | 'org-unit';
  subject_id: string;
  /** The team the target is visible through (the rep's, or the org unit itself) and its country. */
  org_unit_id: string;
  country: string;
  value: number;
  set_by: string;
  updated_at: number;
  /** When the subject's figure first reached the target (told once). */
  reached_at: number | null;
}

/** An incentive plan for one role in one country: its rules as data (domain/incentive-plan.ts). */
export interface PerformancePlanTable {
  id: string;
  country: string;
  role: string;
  name: string;
  currency: string;
  /** PlanRules as JSON. */
  rules: string;
  version: number;
  updated_by: string;
  created_at: number;
  updated_at: number;
}

/** A closed pay period (a country's month): its statements are frozen. An open period has no row. */
export interface PerformancePayPeriodTable {
  id: string;
  country: string;
  month: string;
  statements: number;
  closed_by: string;
  closed_at: number;
}

/** A rep's statement for a closed period, frozen as it was at the close. */
export interface PerformanceStatementTable {
  id: string;
  user_id: string;
  org_unit_id: string | null;
  agency_id: string | null;
  country: string;
  month: string;
  /** Null when the rep's role has no plan and the statement only settles earlier months. */
  plan_id: string | null;
  /** The plan's rules as they were: later corrections to this month are paid by them. */
  plan_rules: string;
  currency: string;
  /** StatementLine[] as JSON. */
  lines: string;
  /** Adjustment[] as JSON: corrections to earlier closed months settled here. */
  adjustments: string;
  earned_minor: number;
  adjustments_minor: number;
  total_minor: number;
  closed_at: number;
}

/** A rep told their attainment on a local day (once per day). */
export interface PerformanceAttainmentToldTable {
  user_id: string;
  date: string;
  told_at: number;
}

/** A pay period (`SG-2026-11`) whose closing was reminded (once per period). */
export interface PerformancePeriodRemindedTable {
  period_id: string;
  reminded_at: number;
}

/**
 * What a rep did that credits a metric nothing now, and why (a visit under review or rejected, a duplicate lead): one
 * row per source and metric while it stands so, gone once the source counts. Attributed and dated like a fact.
 */
export interface PerformanceUncountedTable {
  metric: string;
  source_type: string;
  source_id: string;
  user_id: string;
  org_unit_id: string | null;
  agency_id: string | null;
  area_id: string | null;
  country: string;
  occurred_at: number;
  day: string;
  week: string;
  month: string;
  quarter: string;
  /** An UncountedReason. */
  reason: string;
  detail: string;
  recorded_at: number;
}

export interface PerformanceDb extends PlatformTables {
  performance_fact: PerformanceFactTable;
  performance_source: PerformanceSourceTable;
  performance_merchant: PerformanceMerchantTable;
  performance_org_unit: PerformanceOrgUnitTable;
  performance_merchant_day: PerformanceMerchantDayTable;
  performance_target: PerformanceTargetTable;
  performance_attainment_told: PerformanceAttainmentToldTable;
  performance_period_reminded: PerformancePeriodRemindedTable;
  performance_plan: PerformancePlanTable;
  performance_pay_period: PerformancePayPeriodTable;
  performance_statement: PerformanceStatementTable;
  performance_uncounted: PerformanceUncountedTable;
}
