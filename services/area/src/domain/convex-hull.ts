import type { Position, Ring } from './geometry';

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** The convex hull of some positions as a closed counter-clockwise ring (Andrew's monotone chain). */
export function convexHull(positions: Position[]): Ring {
  const points = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const half = (list: Position[]) => {
    const chain: Position[] = [];
    for (const p of list) {
      while (chain.length >= 2) {
        const a = chain[chain.length - 2];
        const b = chain[chain.length - 1];
        if (!a || !b || cross(a, b, p) > 0) break;
        chain.pop();
      }
      chain.push(p);
    }
    chain.pop();
    return chain;
  };
  const hull = [...half(points), ...half([...points].reverse())];
  const first = hull[0];
  return first ? [...hull, first] : [];
}
