import type { Access } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import type { SegmentFilters } from '../domain/segment-filters';
import { checkFilters } from './check-filters';
import { checkReferences, readerOf, segmentCount } from './segment';

const SAMPLE = 20;

/** How many merchants of my country a segment holds now (within my scope), and a sample to put on the map. */
export async function previewSegment(ctx: MarketingContext, access: Access, filters: SegmentFilters) {
  checkFilters(filters, '/body/filters');
  await checkReferences(ctx, access, filters, '/body/filters');
  const { count, sample } = await segmentCount(ctx, readerOf(access), access.caller.country, filters, SAMPLE);
  return {
    count,
    sample: sample.map(({ merchantId, name, areaId, areaPath, tier, status, ownerId, ownerName, lat, lng }) => ({
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
  };
}
