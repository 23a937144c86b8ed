import { PoiService } from '@fieldops/contracts';
import { asCaller, ServiceUnavailableError } from '@fieldops/platform';
import type { AreaContext } from '../config';
import type { AreaMoveSource, LocatedRecord } from './area-move-source';

const PAGE = 1000;

/** Places, from the POI service's `PlacesInBoundingBox`, paged until the box is exhausted or `limit` is reached. */
export function placeMoveSource(ctx: AreaContext): AreaMoveSource {
  return {
    kind: 'place',
    async recordsIn([minLng, minLat, maxLng, maxLat], caller, limit) {
      const records: LocatedRecord[] = [];
      let cursor = '';
      try {
        const poi = ctx.rpc.client(PoiService);
        do {
          const page = await poi.placesInBoundingBox(
            { minLat, minLng, maxLat, maxLng, limit: Math.min(PAGE, limit - records.length + 1), cursor },
            asCaller(caller.token),
          );
          for (const place of page.places) records.push({ id: place.id, lat: place.lat, lng: place.lng });
          cursor = page.nextCursor;
        } while (cursor !== '' && records.length <= limit);
      } catch (error) {
        ctx.log.warn({ err: error }, 'places could not be listed for a geometry preview');
        throw new ServiceUnavailableError('The POI service cannot be reached, so the places that would move cannot be listed; try again.');
      }
      return { records: records.slice(0, limit), truncated: records.length > limit };
    },
  };
}
