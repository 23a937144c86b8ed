import { describe, expect, it } from 'vitest';
import { validateGeometry } from '../src/domain/geometry-validation';

const square = (x = 0, y = 0, size = 1): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

function problemsOf(value: unknown): { field: string; message: string }[] {
  const check = validateGeometry(value);
  if (check.ok) throw new Error('expected the geometry to be refused');
  return check.problems;
}

describe('geometry validation', () => {
  it('accepts a Polygon with a hole and a MultiPolygon', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [square(0, 0, 10), square(2, 2, 2).reverse()] }).ok).toBe(true);
    expect(validateGeometry({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(5, 5)]] }).ok).toBe(true);
  });

  it('refuses anything but a Polygon or MultiPolygon, naming the type', () => {
    expect(problemsOf({ type: 'Point', coordinates: [1, 2] })).toEqual([
      { field: '/body/geometry/type', message: 'must be "Polygon" or "MultiPolygon", not "Point"' },
    ]);
    expect(problemsOf('POLYGON((0 0, 1 0, 1 1, 0 0))')[0]?.field).toBe('/body/geometry');
  });

  it('refuses a ring with too few positions', () => {
    const [problem] = problemsOf({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    });
    expect(problem).toEqual({ field: '/body/geometry/coordinates/0', message: expect.stringContaining('at least 4 positions') });
  });

  it('refuses an open ring, naming its last position', () => {
    const [problem] = problemsOf({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    });
    expect(problem?.field).toBe('/body/geometry/coordinates/0/3');
    expect(problem?.message).toMatch(/open.*must repeat the first \[0, 0\]/);
  });

  it('refuses coordinates out of range and positions that are not two numbers', () => {
    const problems = problemsOf({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [200, 0],
          [1, 95],
          ['a', 1],
          [0, 0],
        ],
      ],
    });
    expect(problems).toEqual([
      { field: '/body/geometry/coordinates/0/1', message: expect.stringContaining('longitude 200 is out of range') },
      { field: '/body/geometry/coordinates/0/2', message: expect.stringContaining('latitude 95 is out of range') },
      { field: '/body/geometry/coordinates/0/3', message: expect.stringContaining('[longitude, latitude]') },
    ]);
  });

  it('refuses a self-intersecting ring (a bow tie), naming the crossing edge', () => {
    const bowTie = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    const [problem] = problemsOf({ type: 'Polygon', coordinates: [bowTie] });
    expect(problem?.field).toBe('/body/geometry/coordinates/0/0');
    expect(problem?.message).toMatch(/intersects itself.*position 2 to 3.*\[1, 1\]/);
  });

  it('refuses a ring that touches itself at a vertex and one that doubles back', () => {
    const pinched = [
      [0, 0],
      [4, 0],
      [2, 2],
      [4, 4],
      [0, 4],
      [2, 2],
      [0, 0],
    ];
    expect(problemsOf({ type: 'Polygon', coordinates: [pinched] })[0]?.message).toMatch(/intersects itself/);
    const spike = [
      [0, 0],
      [4, 0],
      [4, 4],
      [4, 2],
      [0, 4],
      [0, 0],
    ];
    expect(problemsOf({ type: 'Polygon', coordinates: [spike] })[0]?.message).toMatch(/intersects itself/);
  });

  it('refuses a hole that crosses its exterior ring, naming both rings', () => {
    const [problem] = problemsOf({ type: 'Polygon', coordinates: [square(0, 0, 4), square(3, 1, 2)] });
    expect(problem?.field).toMatch(/^\/body\/geometry\/coordinates\/[01]\/\d+$/);
    expect(problem?.message).toMatch(/rings cross.*ring [01]/);
  });

  it('refuses a hole outside its exterior ring', () => {
    expect(problemsOf({ type: 'Polygon', coordinates: [square(0, 0, 4), square(10, 10, 1)] })).toEqual([
      { field: '/body/geometry/coordinates/1', message: 'this hole lies outside the exterior ring (ring 0) of its polygon' },
    ]);
  });

  it('names positions inside a MultiPolygon by polygon, ring and position', () => {
    const problems = problemsOf({
      type: 'MultiPolygon',
      coordinates: [
        [square(0, 0)],
        [
          [
            [5, 5],
            [6, 5],
            [6, 95],
            [5, 5],
          ],
        ],
      ],
    });
    expect(problems[0]?.field).toBe('/body/geometry/coordinates/1/0/2');
  });

  it('refuses MultiPolygon parts that overlap, whether their edges cross or one lies inside the other', () => {
    expect(problemsOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 4)], [square(1, 1, 1)]] })).toEqual([
      { field: '/body/geometry/coordinates/1', message: 'polygon 1 overlaps polygon 0: the parts of a MultiPolygon must not overlap' },
    ]);
    expect(problemsOf({ type: 'MultiPolygon', coordinates: [[square(1, 1, 1)], [square(0, 0, 4)]] })[0]?.field).toBe(
      '/body/geometry/coordinates/1',
    );
    expect(problemsOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 4)], [square(3, 3, 4)]] })[0]?.message).toMatch(/rings cross/);
  });

  it('allows MultiPolygon parts that touch at a corner, and an island in the hole of another part', () => {
    expect(validateGeometry({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(1, 1)]] }).ok).toBe(true);
    const lake = { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(2, 2, 6).reverse()], [square(4, 4, 1)]] };
    expect(validateGeometry(lake).ok).toBe(true);
  });

  it('allows a hole to touch its exterior ring at one point (OGC)', () => {
    const hole = [
      [0, 1],
      [1, 2],
      [1, 1],
      [0, 1],
    ];
    expect(validateGeometry({ type: 'Polygon', coordinates: [square(0, 0, 4), hole] }).ok).toBe(true);
  });

  it('ignores repeated positions and drops altitudes', () => {
    const check = validateGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0, 5],
          [1, 0, 5],
          [1, 0, 5],
          [1, 1, 5],
          [0, 0, 5],
        ],
      ],
    });
    expect(check.ok && check.geometry.coordinates[0]?.[0]).toEqual([0, 0]);
  });
});
