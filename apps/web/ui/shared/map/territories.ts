import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { answerOf, rest } from '../api/client';
import { WGS84 } from './coordinates';
import { type BBox, labelPoint, outerRingsOf } from './map-geometry';
import type { Territory } from './territory-labels';

const LEVELS = ['country', 'city', 'district'] as const;

/** Pages of areas read for the base map at most: 1,000 areas, far more than a user's territories. */
const MAX_PAGES = 5;

async function readTerritories() {
  const items = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await answerOf(rest.GET('/api/v1/areas', { params: { query: { geometry: true, limit: 200, cursor, ...WGS84 } } }));
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return { items };
}

/**
 * The areas the user may see (the area service applies the caller's scope), with their polygons, read once and
 * shared by every map. Grid cells are working units, not places people name, so they are left off the base map.
 */
export function useTerritories(): Territory[] {
  const areas = useQuery({
    queryKey: ['territories'],
    queryFn: readTerritories,
    staleTime: 5 * 60_000,
    networkMode: 'offlineFirst',
  });
  // Made once per answer: the maps redraw their territories only when this array changes.
  return useMemo(() => toTerritories(areas.data?.items ?? []), [areas.data]);
}

function toTerritories(items: Awaited<ReturnType<typeof readTerritories>>['items']): Territory[] {
  return items.flatMap((area) => {
    if (!(LEVELS as readonly string[]).includes(area.kind)) return [];
    const rings = outerRingsOf(area.geometry);
    return [
      {
        id: area.id,
        parentId: area.parentId,
        kind: area.kind as Territory['kind'],
        name: area.name,
        bbox: area.bbox as BBox,
        rings,
        labelAt: labelPoint(rings),
      },
    ];
  });
}
