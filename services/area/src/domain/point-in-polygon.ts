import type { AreaGeometry, Position, Ring } from './geometry';
import { polygonsOf } from './geometry';

/** Ray casting (even–odd): whether `[lng, lat]` lies inside a closed ring. Points on an edge may go either way. */
export function ringContains(ring: Ring, [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring of one of the polygons and inside none of that polygon's holes. */
export function geometryContains(geometry: AreaGeometry, point: Position): boolean {
  for (const [shell, ...holes] of polygonsOf(geometry)) {
    if (shell && ringContains(shell, point) && !holes.some((hole) => ringContains(hole, point))) return true;
  }
  return false;
}
