import { describe, expect, it } from 'vitest';
import { CircleCover, cellOf, cellReach, distanceMeters, type LatLng, placeCells } from '../src/index';

/** A seeded PRNG (mulberry32) so failures can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A point at `distance` metres and `bearing` degrees from `from` (small distances: flat-earth is plenty here). */
function offset(from: LatLng, distance: number, bearing: number): LatLng {
  const b = (bearing * Math.PI) / 180;
  const dLat = (distance * Math.cos(b)) / 111_195;
  const dLng = (distance * Math.sin(b)) / (111_195 * Math.cos((from.lat * Math.PI) / 180));
  return { lat: from.lat + dLat, lng: from.lng + dLng };
}

/** Runs a cover to the end with the given targets, recording every cell handed out after each step. */
function walk(cover: CircleCover, targets: number[]) {
  const handedOut = { 7: new Set<string>(), 9: new Set<string>() };
  const steps: { coveredTo: number; fine: Set<string>; coarse: Set<string> }[] = [];
  for (const target of targets) {
    const batch = cover.next(target);
    for (const cell of batch.cells) handedOut[batch.resolution].add(cell);
    steps.push({ coveredTo: cover.coveredTo, fine: new Set(handedOut[9]), coarse: new Set(handedOut[7]) });
    if (cover.done) break;
  }
  return steps;
}

describe('placeCells', () => {
  it('indexes a point at res 7 and res 9, the res 9 cell inside the res 7 one', () => {
    const cells = placeCells({ lat: 1.2903, lng: 103.8519 });
    expect(cells.r9).toBe(cellOf({ lat: 1.2903, lng: 103.8519 }, 9));
    expect(cells.r7).toMatch(/^87/);
    expect(cells.r9).toMatch(/^89/);
  });
});

describe('cellReach', () => {
  it('bounds the distance of every point of the cell', () => {
    const next = random(7);
    const centre = { lat: 31.2304, lng: 121.4737 };
    for (let i = 0; i < 500; i++) {
      const point = offset(centre, next() * 3000, next() * 360);
      const reach = cellReach(centre, cellOf(point, 9));
      const d = distanceMeters(centre, point);
      expect(d).toBeGreaterThanOrEqual(reach.min);
      expect(d).toBeLessThanOrEqual(reach.max);
    }
  });
});

describe('CircleCover', () => {
  const cities: [string, LatLng][] = [
    ['Singapore', { lat: 1.2903, lng: 103.8519 }],
    ['Shanghai', { lat: 31.2304, lng: 121.4737 }],
    ['São Paulo', { lat: -23.5505, lng: -46.6333 }],
    ['Reykjavík', { lat: 64.1466, lng: -21.9426 }],
  ];

  it.each(cities)('covers every point nearer than coveredTo after each batch (%s)', (_name, centre) => {
    const next = random(42);
    const radius = 20_000;
    const steps = walk(new CircleCover(centre, radius, { fineUpTo: 2500 }), [0, 400, 1200, 2000, 8000, 30_000]);
    expect(steps.at(-1)?.coveredTo).toBeGreaterThan(radius);
    const points = Array.from({ length: 3000 }, () => offset(centre, radius * Math.sqrt(next()), next() * 360));
    for (const step of steps) {
      for (const point of points) {
        if (distanceMeters(centre, point) >= step.coveredTo) continue;
        const covered = step.fine.has(cellOf(point, 9)) || step.coarse.has(cellOf(point, 7));
        expect(covered, `${point.lat},${point.lng} at coveredTo ${step.coveredTo}`).toBe(true);
      }
    }
  });

  it('skips cells wholly nearer than a cursor, and still covers the points beyond it', () => {
    const centre = cities[1]?.[1] ?? { lat: 0, lng: 0 };
    const cover = new CircleCover(centre, 2000, { skipWithin: 800 });
    const batch = cover.next(2000);
    expect(cover.done).toBe(true);
    const full = new CircleCover(centre, 2000).next(2000);
    expect(batch.cells.length).toBeLessThan(full.cells.length);
    const next = random(3);
    for (let i = 0; i < 2000; i++) {
      const point = offset(centre, 800 + next() * 1200, next() * 360);
      expect(batch.cells).toContain(cellOf(point, 9));
    }
  });

  it('reads only a few fine cells for a small first step and hands out no cell twice at one resolution', () => {
    const cover = new CircleCover({ lat: 1.2903, lng: 103.8519 }, 50_000);
    const first = cover.next(0);
    expect(first.resolution).toBe(9);
    expect(first.cells.length).toBeLessThanOrEqual(19);
    const seen = new Set(first.cells);
    const second = cover.next(1500);
    expect(second.resolution).toBe(9);
    for (const cell of second.cells) expect(seen.has(cell)).toBe(false);
    const coarse = cover.next(50_000);
    expect(coarse.resolution).toBe(7);
    expect(cover.done).toBe(true);
    expect(coarse.cells.length).toBeLessThan(3000);
  });

  it('leaves out cells wholly beyond the radius', () => {
    const centre = { lat: 1.2903, lng: 103.8519 };
    const batch = new CircleCover(centre, 300).next(300);
    for (const cell of batch.cells) expect(cellReach(centre, cell).min).toBeLessThanOrEqual(300);
  });
});
