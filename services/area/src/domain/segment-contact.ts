import type { Position } from './geometry';

/** How two segments meet: not at all, at a single point, crossing through each other, or along a stretch. */
export type Contact = 'none' | 'point' | 'cross' | 'overlap';

function orientation(p: Position, q: Position, r: Position): number {
  return Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
}

/** Whether r, known to be collinear with p–q, lies within the segment's box. */
function onSegment(p: Position, q: Position, r: Position): boolean {
  return Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
}

function collinearContact(a1: Position, a2: Position, b1: Position, b2: Position): Contact {
  // Project on the longer axis of a: the overlap of the two intervals decides.
  const axis = Math.abs(a2[0] - a1[0]) >= Math.abs(a2[1] - a1[1]) ? 0 : 1;
  const aMin = Math.min(a1[axis], a2[axis]);
  const aMax = Math.max(a1[axis], a2[axis]);
  const bMin = Math.min(b1[axis], b2[axis]);
  const bMax = Math.max(b1[axis], b2[axis]);
  const overlap = Math.min(aMax, bMax) - Math.max(aMin, bMin);
  if (overlap > 0) return 'overlap';
  return overlap === 0 ? 'point' : 'none';
}

export function segmentContact(a1: Position, a2: Position, b1: Position, b2: Position): Contact {
  const d1 = orientation(b1, b2, a1);
  const d2 = orientation(b1, b2, a2);
  const d3 = orientation(a1, a2, b1);
  const d4 = orientation(a1, a2, b2);
  if (d1 * d2 < 0 && d3 * d4 < 0) return 'cross';
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) return collinearContact(a1, a2, b1, b2);
  if (
    (d1 === 0 && onSegment(b1, b2, a1)) ||
    (d2 === 0 && onSegment(b1, b2, a2)) ||
    (d3 === 0 && onSegment(a1, a2, b1)) ||
    (d4 === 0 && onSegment(a1, a2, b2))
  ) {
    return 'point';
  }
  return 'none';
}

/** Whether the path p → q → r doubles back on itself (a spike of zero width). */
export function doublesBack(p: Position, q: Position, r: Position): boolean {
  return orientation(p, q, r) === 0 && (q[0] - p[0]) * (r[0] - q[0]) + (q[1] - p[1]) * (r[1] - q[1]) < 0;
}
