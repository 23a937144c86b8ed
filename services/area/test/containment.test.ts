import { describe, expect, it } from 'vitest';
import { containmentOf, metresToBoundary } from '../src/domain/containment';
import type { AreaGeometry, Position } from '../src/domain/geometry';
import { DEMO_COUNTRIES, demoCities, rectangle } from '../src/seed/demo-territories';

const box = (minLng: number, minLat: number, maxLng: number, maxLat: number): AreaGeometry => rectangle([minLng, minLat, maxLng, maxLat]);
/** About 1.1 m of latitude. */
const METRE = 1 / 111_319.49;

describe('a child area inside its parent', () => {
  const parent = box(103.6, 1.2, 104.0, 1.45);

  it('holds a child drawn inside, and one along the border', () => {
    expect(containmentOf(box(103.7, 1.3, 103.8, 1.4), parent)).toEqual({ inside: true });
    expect(containmentOf(box(103.6, 1.2, 103.8, 1.45), parent)).toEqual({ inside: true });
  });

  it('forgives a border drawn 20 m outside, not one 40 m outside', () => {
    expect(containmentOf(box(103.7, 1.3, 103.8, 1.45 + 20 * METRE), parent).inside).toBe(true);
    const result = containmentOf(box(103.7, 1.3, 103.8, 1.45 + 40 * METRE), parent);
    expect(result).toMatchObject({ inside: false, reason: 'position' });
    expect(result.inside === false && result.reason === 'position' && result.metresOutside).toBeGreaterThan(35);
  });

  it('refuses a district reaching across the strait into Sumatra', () => {
    const sumatra: Position = [103.3, 1.0];
    const result = containmentOf(box(sumatra[0], sumatra[1], 103.7, 1.3), parent);
    expect(result).toMatchObject({ inside: false, reason: 'position', position: sumatra });
  });

  it('refuses a child whose positions are all inside but whose body spans a notch of the parent', () => {
    // A U-shaped parent: the child's corners sit on both arms, its middle over the gap.
    const u: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(containmentOf(box(0.5, 2, 2.5, 2.5), u)).toMatchObject({ inside: false, reason: 'share' });
  });

  it('measures the distance to a boundary in metres', () => {
    expect(metresToBoundary(parent, [103.7, 1.45 + 100 * METRE])).toBeCloseTo(100, 0);
  });

  it.each(DEMO_COUNTRIES)('holds every demo district of $country in its city and every city in the country', (demo) => {
    for (const city of demoCities(demo)) {
      expect(containmentOf(city.geometry, rectangle([...demo.demo.extent])), city.name).toEqual({ inside: true });
      for (const district of city.districts)
        expect(containmentOf(district.geometry, city.geometry), district.name).toEqual({ inside: true });
    }
  });
});
