import { describe, expect, it } from 'vitest';
import { cellOf, cellsInBox, estimatedCellsInBox } from '../src/index';

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('cellsInBox', () => {
  it.each([
    ['a Singapore district', { minLat: 1.27, minLng: 103.82, maxLat: 1.32, maxLng: 103.88 }],
    ['greater Shanghai', { minLat: 30.9, minLng: 121.1, maxLat: 31.5, maxLng: 121.9 }],
    ['far north', { minLat: 69.5, minLng: 18.7, maxLat: 69.8, maxLng: 19.3 }],
    ['across the antimeridian', { minLat: -17.0, minLng: 179.7, maxLat: -16.6, maxLng: -179.8 }],
  ])('covers every point of %s', (_name, box) => {
    const cells = new Set(cellsInBox(box, 7));
    const next = random(11);
    const width = box.minLng <= box.maxLng ? box.maxLng - box.minLng : 360 - box.minLng + box.maxLng;
    for (let i = 0; i < 5000; i++) {
      // Edges and corners too: a fifth of the points lie on the box's boundary.
      const onEdge = i % 5 === 0;
      const lat = onEdge && i % 2 === 0 ? (i % 4 === 0 ? box.minLat : box.maxLat) : box.minLat + next() * (box.maxLat - box.minLat);
      let lng = onEdge && i % 2 === 1 ? (i % 3 === 0 ? box.minLng : box.maxLng) : box.minLng + next() * width;
      if (lng > 180) lng -= 360;
      expect(cells.has(cellOf({ lat, lng }, 7)), `${lat},${lng}`).toBe(true);
    }
  });

  it('answers the cells sorted and without repeats', () => {
    const cells = cellsInBox({ minLat: 1.27, minLng: 103.82, maxLat: 1.32, maxLng: 103.88 }, 7);
    expect([...new Set(cells)].sort()).toEqual(cells);
  });

  it('estimates the cell count within a factor of two', () => {
    const box = { minLat: 30.9, minLng: 121.1, maxLat: 31.5, maxLng: 121.9 };
    const actual = cellsInBox(box, 7).length;
    const estimate = estimatedCellsInBox(box, 5.16);
    expect(estimate).toBeGreaterThan(actual / 2);
    expect(estimate).toBeLessThan(actual * 2);
  });
});
