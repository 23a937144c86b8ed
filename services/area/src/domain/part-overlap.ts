import { type BBox, bboxOf, type PolygonRings, type Position } from './geometry';
import { geometryContains } from './point-in-polygon';

const boxOf = (polygon: PolygonRings): BBox => bboxOf({ type: 'Polygon', coordinates: polygon });
const boxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function midpoints(ring: Position[]): Position[] {
  const found: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (a && b) found.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  }
  return found;
}

/**
 * Whether the exterior ring of `inner` runs inside `outer` (its area, holes excepted). Only meaningful once no
 * edges cross: then the ring is wholly inside or wholly outside, and a majority of its edge midpoints says which
 * even when a few of them touch `outer`'s boundary (where ray casting may go either way).
 */
function runsInside(inner: PolygonRings, outer: PolygonRings): boolean {
  const points = midpoints(inner[0] ?? []);
  const inside = points.filter((point) => geometryContains({ type: 'Polygon', coordinates: outer }, point)).length;
  return points.length > 0 && inside * 2 > points.length;
}

/**
 * The pairs of polygons of a MultiPolygon that overlap without their edges crossing (one inside the other;
 * crossings are found with the rings' intersections). A part inside another's hole is fine: an island in a lake.
 */
export function overlappingParts(polygons: PolygonRings[]): [number, number][] {
  const boxes = polygons.map(boxOf);
  const found: [number, number][] = [];
  for (let a = 0; a < polygons.length; a++) {
    for (let b = a + 1; b < polygons.length; b++) {
      const pa = polygons[a];
      const pb = polygons[b];
      const ba = boxes[a];
      const bb = boxes[b];
      if (!pa || !pb || !ba || !bb || !boxesMeet(ba, bb)) continue;
      if (runsInside(pb, pa) || runsInside(pa, pb)) found.push([a, b]);
    }
  }
  return found;
}
