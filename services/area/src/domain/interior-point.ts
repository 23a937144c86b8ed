import { type AreaGeometry, type Position, polygonsOf } from './geometry';
import { geometryContains } from './point-in-polygon';

const GRID = 16;

/**
 * A point inside an area, for a map pin: the middle of its box when that is inside (most districts), else the
 * sample nearest that middle on a grid over its largest part. Crescents and archipelagos get a point on land too.
 */
export function interiorPoint(geometry: AreaGeometry): Position {
  const parts = polygonsOf(geometry);
  const largest = parts.reduce((best, part) => ((part[0]?.length ?? 0) > (best[0]?.length ?? 0) ? part : best), parts[0] ?? []);
  const shell = largest[0] ?? [];
  const lngs = shell.map((p) => p[0]);
  const lats = shell.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const middle: Position = [(minLng + maxLng) / 2, (minLat + maxLat) / 2];
  if (geometryContains(geometry, middle)) return middle;
  let best: Position | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const point: Position = [minLng + ((i + 0.5) * (maxLng - minLng)) / GRID, minLat + ((j + 0.5) * (maxLat - minLat)) / GRID];
      const distance = (point[0] - middle[0]) ** 2 + (point[1] - middle[1]) ** 2;
      if (distance < bestDistance && geometryContains(geometry, point)) {
        best = point;
        bestDistance = distance;
      }
    }
  }
  return best ?? shell[0] ?? middle;
}
