import type { PolygonRings, Position } from './geometry';
import { doublesBack, segmentContact } from './segment-contact';

/** Where a ring runs: polygon `polygon` (0 for a Polygon), ring `ring`, segment from position `start`. */
export interface SegmentRef {
  polygon: number;
  ring: number;
  start: number;
}

export interface Intersection {
  a: SegmentRef;
  b: SegmentRef;
  kind: 'self' | 'between-rings';
  at: Position;
}

interface Segment extends SegmentRef {
  p: Position;
  q: Position;
  /** Order among the ring's non-degenerate segments, and how many it has: to tell neighbours apart. */
  seq: number;
  count: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function segmentsOf(polygons: PolygonRings[]): Segment[] {
  const all: Segment[] = [];
  for (const [polygon, rings] of polygons.entries()) {
    for (const [ring, positions] of rings.entries()) {
      const own: Segment[] = [];
      for (let start = 0; start + 1 < positions.length; start++) {
        const p = positions[start];
        const q = positions[start + 1];
        // Repeated positions make zero-length segments: harmless, and they would look like touches.
        if (!p || !q || (p[0] === q[0] && p[1] === q[1])) continue;
        own.push({
          polygon,
          ring,
          start,
          p,
          q,
          seq: own.length,
          count: 0,
          minX: Math.min(p[0], q[0]),
          maxX: Math.max(p[0], q[0]),
          minY: Math.min(p[1], q[1]),
          maxY: Math.max(p[1], q[1]),
        });
      }
      for (const segment of own) segment.count = own.length;
      all.push(...own);
    }
  }
  return all;
}

const samePosition = (p: Position, q: Position) => p[0] === q[0] && p[1] === q[1];
const sameRing = (a: Segment, b: Segment) => a.polygon === b.polygon && a.ring === b.ring;
const neighbours = (a: Segment, b: Segment) => sameRing(a, b) && (Math.abs(a.seq - b.seq) === 1 || Math.abs(a.seq - b.seq) === a.count - 1);

/** The problem between two segments whose boxes overlap, if any (OGC: rings are simple; rings meet at points only). */
function problemBetween(a: Segment, b: Segment): Intersection | undefined {
  const [first, second] = a.start <= b.start || !sameRing(a, b) ? [a, b] : [b, a];
  const ref = (s: Segment): SegmentRef => ({ polygon: s.polygon, ring: s.ring, start: s.start });
  if (neighbours(a, b)) {
    // Neighbours share an end; they are wrong only when the ring turns straight back over itself.
    const [before, after] = samePosition(first.q, second.p) ? [first, second] : [second, first];
    return doublesBack(before.p, before.q, after.q) ? { a: ref(first), b: ref(second), kind: 'self', at: before.q } : undefined;
  }
  const contact = segmentContact(a.p, a.q, b.p, b.q);
  if (contact === 'none') return undefined;
  if (!sameRing(a, b) && contact === 'point') return undefined;
  return { a: ref(first), b: ref(second), kind: sameRing(a, b) ? 'self' : 'between-rings', at: meetingPoint(a, b) };
}

function meetingPoint(a: Segment, b: Segment): Position {
  const d = (a.q[0] - a.p[0]) * (b.q[1] - b.p[1]) - (a.q[1] - a.p[1]) * (b.q[0] - b.p[0]);
  if (d === 0) return a.p;
  const t = ((b.p[0] - a.p[0]) * (b.q[1] - b.p[1]) - (b.p[1] - a.p[1]) * (b.q[0] - b.p[0])) / d;
  return [a.p[0] + t * (a.q[0] - a.p[0]), a.p[1] + t * (a.q[1] - a.p[1])];
}

/**
 * Every place where the rings of a geometry cross or touch where they must not, found with a sweep over the
 * segments sorted by their west edge: only segments whose boxes overlap are compared, so rings of a few thousand
 * positions take milliseconds. Stops after `limit` findings.
 */
export function findIntersections(polygons: PolygonRings[], limit = 10): Intersection[] {
  const segments = segmentsOf(polygons).sort((a, b) => a.minX - b.minX);
  const found: Intersection[] = [];
  let active: Segment[] = [];
  for (const segment of segments) {
    active = active.filter((other) => other.maxX >= segment.minX);
    for (const other of active) {
      if (other.maxY < segment.minY || other.minY > segment.maxY) continue;
      const problem = problemBetween(other, segment);
      if (problem) {
        found.push(problem);
        if (found.length >= limit) return found;
      }
    }
    active.push(segment);
  }
  return found;
}
