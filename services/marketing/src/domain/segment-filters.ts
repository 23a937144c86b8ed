import type { MerchantTier } from '@fieldops/contracts';

/** A range of a merchant's business figure over the last 30 days; either bound may be left open. */
export interface FigureRange {
  min?: number;
  max?: number;
}

/**
 * What picks a segment's merchants. The search read model answers the indexed ones (country, area and its
 * descendants, area polygon, category, status, owner, open ticket); tier and last verified visit are read off each
 * hit; figures come from the performance service.
 */
export interface SegmentFilters {
  areaIds?: string[];
  /** Inside this area's polygon. */
  withinAreaId?: string;
  categories?: string[];
  tiers?: MerchantTier[];
  statuses?: string[];
  ownerIds?: string[];
  /** Merchants with (true) or without (false) an open ticket. */
  hasOpenTicket?: boolean;
  /** Last verified visit before / after (ISO 8601); a merchant never visited counts as "before" any date. */
  lastVisitBefore?: string;
  lastVisitAfter?: string;
  orders30d?: FigureRange;
  gmv30dMinor?: FigureRange;
}

export interface SegmentCandidate {
  tier: string | null;
  lastVerifiedVisitAt: number | null;
}

/** The filters the search index does not hold, applied to one hit. */
export function matchesHitFilters(candidate: SegmentCandidate, filters: SegmentFilters): boolean {
  if (filters.tiers && filters.tiers.length > 0 && !(filters.tiers as readonly string[]).includes(candidate.tier ?? '')) return false;
  const last = candidate.lastVerifiedVisitAt;
  if (filters.lastVisitBefore !== undefined && last !== null && last >= Date.parse(filters.lastVisitBefore)) return false;
  if (filters.lastVisitAfter !== undefined && (last === null || last <= Date.parse(filters.lastVisitAfter))) return false;
  return true;
}

/** Whether the search index answers every filter (so it can count the segment alone). */
export function indexHoldsAll(filters: SegmentFilters): boolean {
  const perHit = (filters.tiers?.length ?? 0) > 0 || filters.lastVisitBefore !== undefined || filters.lastVisitAfter !== undefined;
  return !perHit && !usesFigures(filters);
}

export const usesFigures = (filters: SegmentFilters) => filters.orders30d !== undefined || filters.gmv30dMinor !== undefined;

export function inRange(value: number, range: FigureRange | undefined): boolean {
  if (!range) return true;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}
