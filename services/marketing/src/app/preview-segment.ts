import type { Access } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import type { SegmentFilters } from '../domain/segment-filters';
import { checkFilters } from './check-filters';
import { segmentMembers } from './segment';

const SAMPLE = 20;

function tally(keys: (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key ?? '-'] = (counts[key ?? '-'] ?? 0) + 1;
  return counts;
}

/** How many merchants of my country a segment holds now (within my scope), a sample to put on the map, and its mix. */
export async function previewSegment(ctx: MarketingContext, access: Access, filters: SegmentFilters) {
  checkFilters(filters, '/body/filters');
  const members = await segmentMembers(ctx, access, access.caller.country, filters);
  return {
    count: members.length,
    sample: members.slice(0, SAMPLE).map(({ merchantId, name, areaId, areaPath, tier, status, ownerId, ownerName, lat, lng }) => ({
      merchantId,
      name,
      areaId,
      areaPath,
      tier,
      status,
      ownerId,
      ownerName,
      lat,
      lng,
    })),
    byArea: tally(members.map((m) => m.areaId)),
    byTier: tally(members.map((m) => m.tier)),
  };
}
