import { describe, expect, it } from 'vitest';
import { datumShift } from '../ui/shared/map/datum-shift';
import { type LngLat, labelPoint } from '../ui/shared/map/map-geometry';
import { navigationLink } from '../ui/shared/map/navigation-link';
import { labelledTerritories, type Territory } from '../ui/shared/map/territory-labels';

const square = (west: number, south: number, size: number): LngLat[] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

function territory(id: string, kind: Territory['kind'], parentId: string | null, west: number, south: number, size: number): Territory {
  const ring = square(west, south, size);
  return { id, kind, parentId, name: id, bbox: [west, south, west + size, south + size], rings: [ring], labelAt: labelPoint([ring]) };
}

// A country of 4°, its city of 1° and two districts of 0.2° each.
const country = territory('Country', 'country', null, 100, 0, 4);
const city = territory('City', 'city', 'Country', 101, 1, 1);
const east = territory('East', 'district', 'City', 101.1, 1.1, 0.2);
const west = territory('West', 'district', 'City', 101.5, 1.5, 0.2);
const all = [country, city, east, west];
const world: [number, number, number, number] = [-180, -85, 180, 85];
const names = (zoom: number, view = world) => labelledTerritories(all, zoom, view).map(({ territory }) => territory.name);

describe('territory names on the map, one level at a time', () => {
  it('far out only the country is wide enough to name', () => {
    expect(names(4)).toEqual(['Country']);
  });

  it('closer, the city replaces its country; closer still, the districts replace their city', () => {
    expect(names(6)).toEqual(['City']);
    expect(names(9)).toEqual(['East', 'West']);
  });

  it('too far out to name anything, nothing is named', () => {
    expect(names(0)).toEqual([]);
  });

  it('only the names whose spot is in view', () => {
    expect(names(9, [101, 1, 101.4, 1.4])).toEqual(['East']);
  });

  it('standing inside a district at street zoom, its name is put in the middle of what the view shows of it', () => {
    const view: [number, number, number, number] = [101.12, 1.12, 101.14, 1.14];
    const [shown] = labelledTerritories(all, 15, view);
    expect(shown?.territory.name).toBe('East');
    expect(shown?.at[0]).toBeCloseTo(101.13, 6);
    expect(shown?.at[1]).toBeCloseTo(1.13, 6);
  });

  it("a crescent's name stays on the land, not in the bay its centroid falls into", () => {
    const crescent: LngLat[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 3],
      [3, 3],
      [3, 1],
      [0, 1],
      [0, 0],
    ];
    const [lng, lat] = labelPoint([crescent]) ?? [NaN, NaN];
    const onLand = lat < 1 || lat > 3 || lng > 3;
    expect(onLand).toBe(true);
  });
});

describe('the Navigate hand-off', () => {
  const stop = { lat: 1.2903, lng: 103.8519, name: 'Lucky Minimart 1' };
  it("opens the phone's own map app through geo: when the country names none", () => {
    expect(navigationLink(undefined, stop)).toBe('geo:1.290300,103.851900?q=1.290300,103.851900(Lucky%20Minimart%201)');
  });
  it("fills the country's map app URL with the stop", () => {
    const config = {
      country: 'CN',
      datum: 'WGS84' as const,
      basemap: { kind: 'natural-earth' as const },
      navigationUrl: 'https://maps.example/?p={lng},{lat}&n={name}',
    };
    expect(navigationLink(config, { lat: 31.23, lng: 121.47, name: '金福超市' })).toBe(
      `https://maps.example/?p=121.470000,31.230000&n=${encodeURIComponent('金福超市')}`,
    );
  });
});

describe('data drawn on a GCJ-02 base map', () => {
  const gcj = datumShift('GCJ02');
  it('moves a point in Shanghai by a few hundred metres, and back exactly', () => {
    const bund: LngLat = [121.4903, 31.2397];
    const moved = gcj.toMap(bund);
    const metres = Math.hypot((moved[0] - bund[0]) * 95_000, (moved[1] - bund[1]) * 111_000);
    expect(metres).toBeGreaterThan(300);
    expect(metres).toBeLessThan(800);
    const back = gcj.fromMap(moved);
    expect(back[0]).toBeCloseTo(bund[0], 7);
    expect(back[1]).toBeCloseTo(bund[1], 7);
  });
  it('leaves Singapore and every point on a WGS-84 map where it is', () => {
    expect(gcj.toMap([103.8519, 1.2903])).toEqual([103.8519, 1.2903]);
    expect(datumShift('WGS84').toMap([121.49, 31.24])).toEqual([121.49, 31.24]);
  });
});
