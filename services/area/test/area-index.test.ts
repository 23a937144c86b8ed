import { describe, expect, it } from 'vitest';
import { AreaIndex, type IndexedArea, indexedArea } from '../src/domain/area-index';
import type { AreaKind } from '../src/domain/area-kind';
import type { AreaGeometry } from '../src/domain/geometry';
import { movesOf } from '../src/domain/moves';
import { siblingOverlaps } from '../src/domain/overlap';

const box = (x: number, y: number, w: number, h = w): [number, number][] => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
  [x, y],
];

let n = 0;
/** An area under `parent` (null: a root) with a polygon; ids sort in creation order. */
function anArea(
  parent: IndexedArea | null,
  geometry: AreaGeometry,
  fields: { priority?: number; kind?: AreaKind; name?: string } = {},
): IndexedArea {
  const id = `a${String(++n).padStart(3, '0')}`;
  return indexedArea({
    id,
    parentId: parent?.id ?? null,
    name: fields.name ?? id,
    kind: fields.kind ?? (parent ? 'district' : 'country'),
    country: 'SG',
    priority: fields.priority ?? 0,
    pathIds: [...(parent?.pathIds ?? []), id],
    version: 1,
    geometry,
  });
}
const polygon = (...rings: [number, number][][]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

describe('resolving a point to an area', () => {
  const country = anArea(null, polygon(box(0, 0, 100)), { name: 'Country' });
  const city = anArea(country, polygon(box(0, 0, 50)), { kind: 'city', name: 'City' });
  const low = anArea(city, polygon(box(0, 0, 20)), { priority: 0, name: 'Low' });
  const high = anArea(city, polygon(box(10, 0, 20)), { priority: 5, name: 'High' });
  const big = anArea(city, polygon(box(30, 30, 15)), { name: 'Big' });
  const small = anArea(city, polygon(box(40, 40, 3)), { name: 'Small' });
  const holed = anArea(country, polygon(box(60, 60, 30), box(70, 70, 10)), { kind: 'city', name: 'Holed' });
  const islands = anArea(
    country,
    { type: 'MultiPolygon', coordinates: [[box(60, 5, 5)], [box(80, 5, 5)]] },
    { kind: 'city', name: 'Islands' },
  );
  const index = new AreaIndex([country, city, low, high, big, small, holed, islands]);

  it('answers the deepest area, with its country and its path from the country down', () => {
    expect(index.resolve({ lng: 5, lat: 5 })).toEqual({
      areaId: low.id,
      country: 'SG',
      path: [
        { id: country.id, name: 'Country', kind: 'country' },
        { id: city.id, name: 'City', kind: 'city' },
        { id: low.id, name: 'Low', kind: 'district' },
      ],
    });
    expect(index.resolve({ lng: 49, lat: 2 })?.areaId).toBe(city.id);
  });

  it('lets the higher priority win between overlapping siblings, then the smaller area', () => {
    expect(index.resolve({ lng: 15, lat: 5 })?.areaId).toBe(high.id);
    expect(index.resolve({ lng: 41, lat: 41 })?.areaId).toBe(small.id);
  });

  it('leaves out holes and finds every part of a MultiPolygon', () => {
    expect(index.resolve({ lng: 75, lat: 75 })?.areaId).toBe(country.id);
    expect(index.resolve({ lng: 65, lat: 65 })?.areaId).toBe(holed.id);
    expect(index.resolve({ lng: 82, lat: 7 })?.areaId).toBe(islands.id);
    expect(index.resolve({ lng: 72, lat: 7 })?.areaId).toBe(country.id);
  });

  it('answers null outside every area', () => {
    expect(index.resolve({ lng: 150, lat: 50 })).toBeNull();
    expect(new AreaIndex([]).resolve({ lng: 1, lat: 1 })).toBeNull();
  });

  it('decides equally deep cousins by their ancestors where the branches part', () => {
    const root = anArea(null, polygon(box(200, 0, 40)));
    const strong = anArea(root, polygon(box(200, 0, 20)), { kind: 'city', priority: 9 });
    const weak = anArea(root, polygon(box(210, 0, 20)), { kind: 'city', priority: 0 });
    const underStrong = anArea(strong, polygon(box(212, 2, 6)), { priority: 0 });
    const underWeak = anArea(weak, polygon(box(212, 2, 2)), { priority: 100 });
    const cousins = new AreaIndex([root, strong, weak, underStrong, underWeak]);
    expect(cousins.resolve({ lng: 213, lat: 3 })?.areaId).toBe(underStrong.id);
  });

  it('reports moves against a changed index without touching the original', () => {
    const moved = index.with({ put: { ...low, ...indexedArea({ ...low, geometry: polygon(box(0, 0, 4)) }) } });
    const records = [
      { id: 'p1', lng: 2, lat: 2 },
      { id: 'p2', lng: 8, lat: 8 },
      { id: 'p3', lng: 15, lat: 5 },
    ];
    expect(movesOf('place', records, index, moved)).toEqual([{ kind: 'place', id: 'p2', from: low.id, to: city.id }]);
    expect(index.resolve({ lng: 8, lat: 8 })?.areaId).toBe(low.id);
  });

  it('reports overlapping siblings with an approximate overlap and the winner', () => {
    const overlaps = siblingOverlaps(index.all());
    const pair = overlaps.find((o) => [o.a.id, o.b.id].sort().join() === [low.id, high.id].sort().join());
    expect(pair?.winner.id).toBe(high.id);
    // Low and High share a 10×20 strip: half of either.
    expect(pair?.ratioOfSmaller).toBeCloseTo(0.5, 1);
    expect(overlaps.find((o) => o.a.id === small.id || o.b.id === small.id)?.winner.id).toBe(small.id);
    expect(overlaps.some((o) => o.a.id === low.id && o.b.id === big.id)).toBe(false);
  });
});
