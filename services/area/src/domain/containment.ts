import { type AreaGeometry, bboxOf, type Position, polygonsOf } from './geometry';
import { geometryContains } from './point-in-polygon';

const METRES_PER_DEGREE = 111_319.49;

export interface ContainmentTolerance {
  /** A position this close to the parent's boundary counts as inside: borders simplified apart by a few metres. */
  metres: number;
  /** The share of the child (sampled on a grid) that may lie farther out than `metres`. */
  share: number;
  /** Grid samples per side over the child's box. */
  grid: number;
}

export const DEFAULT_TOLERANCE: ContainmentTolerance = { metres: 25, share: 0.005, grid: 64 };

export type Containment =
  | { inside: true }
  | { inside: false; reason: 'position'; position: Position; metresOutside: number }
  | { inside: false; reason: 'share'; shareOutside: number; sample: Position };

/** Metres from a point to the nearest edge of a geometry (any ring), on a local equirectangular projection. */
export function metresToBoundary(geometry: AreaGeometry, [x, y]: Position): number {
  const kx = Math.cos((y * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i];
        const b = ring[i + 1];
        if (!a || !b) continue;
        const ax = (a[0] - x) * kx;
        const ay = a[1] - y;
        const dx = (b[0] - a[0]) * kx;
        const dy = b[1] - a[1];
        const length2 = dx * dx + dy * dy;
        const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
        const d2 = (ax + t * dx) ** 2 + (ay + t * dy) ** 2;
        if (d2 < best) best = d2;
      }
    }
  }
  return Math.sqrt(best) * METRES_PER_DEGREE;
}

/**
 * Whether `child` lies inside `parent`, give or take the borders' simplification: every exterior position of the
 * child must be inside the parent or within `metres` of its boundary, and of a grid of samples inside the child at
 * most `share` may lie farther out (an edge can leave the parent between two positions that are inside it).
 */
export function containmentOf(child: AreaGeometry, parent: AreaGeometry, tolerance: ContainmentTolerance = DEFAULT_TOLERANCE): Containment {
  const outside = (point: Position) => !geometryContains(parent, point) && metresToBoundary(parent, point) > tolerance.metres;
  for (const polygon of polygonsOf(child)) {
    for (const position of polygon[0] ?? []) {
      if (outside(position)) {
        return { inside: false, reason: 'position', position, metresOutside: Math.round(metresToBoundary(parent, position)) };
      }
    }
  }
  const [minLng, minLat, maxLng, maxLat] = bboxOf(child);
  const stepLng = (maxLng - minLng) / tolerance.grid;
  const stepLat = (maxLat - minLat) / tolerance.grid;
  let inChild = 0;
  let out = 0;
  let sample: Position | undefined;
  for (let i = 0; i < tolerance.grid; i++) {
    for (let j = 0; j < tolerance.grid; j++) {
      const point: Position = [minLng + (i + 0.5) * stepLng, minLat + (j + 0.5) * stepLat];
      if (!geometryContains(child, point)) continue;
      inChild++;
      if (outside(point)) {
        out++;
        sample ??= point;
      }
    }
  }
  const shareOutside = inChild > 0 ? out / inChild : 0;
  return shareOutside > tolerance.share && sample ? { inside: false, reason: 'share', shareOutside, sample } : { inside: true };
}
