import { type CoordinateSystem, edgeCoordinates } from '@fieldops/geo';
import type { Resolution } from '../domain/area-index';
import type { LatLng } from '../domain/geometry';
import type { AreaIndexHolder } from './area-index-holder';

/**
 * The most specific area holding each point, in order (null outside every area). Territories are reference data
 * for locating records, so any caller allowed to read areas may resolve any point; what an area holds is scoped.
 */
export async function resolvePoints(
  index: AreaIndexHolder,
  points: LatLng[],
  coords: CoordinateSystem,
  options: { latest?: boolean } = {},
): Promise<(Resolution | null)[]> {
  const current = await index.current(options);
  const edge = edgeCoordinates(coords);
  return points.map((point) => current.resolve(edge.toStored(point)));
}
