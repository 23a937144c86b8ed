import { useQuery } from '@tanstack/react-query';
import { answerOf, rest } from '../api/client';
import { WGS84 } from './coordinates';
import { type BBox, labelPoint, outerRingsOf } from './map-geometry';
import type { Territory } from './territory-labels';

const LEVELS = ['country', 'city', 'district'] as const;

/**
 * The areas the user may see, with their polygons: the same read (and cache entry) as the area editor's. Grid
 * cells are working units, not places people name, so they are left off the base map.
 */
export function useTerritories(): Territory[] {
  const areas = useQuery({
    queryKey: ['areas-with-geometry'],
    queryFn: () => answerOf(rest.GET('/api/v1/areas', { params: { query: { geometry: true, limit: 200, ...WGS84 } } })),
    staleTime: 5 * 60_000,
    networkMode: 'offlineFirst',
  });
  return (areas.data?.items ?? []).flatMap((area) => {
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
