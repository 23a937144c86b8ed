import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, destinationPoint, distanceMeters, fromWgs84, gcj02ToBd09, gcj02ToWgs84, toWgs84, wgs84ToGcj02 } from '../src/index';

// Tiananmen Square (WGS-84, OpenStreetMap).
const TIANANMEN_WGS = { lat: 39.90734, lng: 116.39076 };
// The reference values published with wandergis/coordtransform (test/app.js) for the point (116.404, 39.915).
const REFERENCE = { lat: 39.915, lng: 116.404 };

describe('coordinate systems', () => {
  it('matches the published reference values', () => {
    expect(distanceMeters(wgs84ToGcj02(REFERENCE), { lng: 116.41024449916938, lat: 39.91640428150164 })).toBeLessThan(0.01);
    expect(distanceMeters(gcj02ToBd09(REFERENCE), { lng: 116.41036949371029, lat: 39.92133699351021 })).toBeLessThan(0.01);
    expect(distanceMeters(bd09ToGcj02(REFERENCE), { lng: 116.39762729119315, lat: 39.90865673957631 })).toBeLessThan(0.01);
  });

  it('offsets GCJ-02 from WGS-84 by a few hundred metres inside China', () => {
    const gcj = wgs84ToGcj02(TIANANMEN_WGS);
    const offset = distanceMeters(TIANANMEN_WGS, gcj);
    expect(offset).toBeGreaterThan(100);
    expect(offset).toBeLessThan(700);
  });

  it.each([
    ['Beijing', 39.90734, 116.39076],
    ['Shanghai', 31.23136, 121.47004],
    ['Shenzhen', 22.54286, 114.05956],
    ['Ürümqi', 43.82571, 87.61688],
    ['Harbin', 45.80378, 126.53497],
  ])('round-trips WGS-84 → GCJ-02 → WGS-84 under 1 m in %s', (_city, lat, lng) => {
    const back = gcj02ToWgs84(wgs84ToGcj02({ lat, lng }));
    expect(distanceMeters({ lat, lng }, back)).toBeLessThan(1);
    const viaBaidu = toWgs84(fromWgs84({ lat, lng }, 'BD09'), 'BD09');
    expect(distanceMeters({ lat, lng }, viaBaidu)).toBeLessThan(1);
  });

  it('round-trips GCJ-02 → BD-09 → GCJ-02 under 1 m', () => {
    const gcj = wgs84ToGcj02(TIANANMEN_WGS);
    expect(distanceMeters(gcj, bd09ToGcj02(gcj02ToBd09(gcj)))).toBeLessThan(1);
  });

  it('is the identity outside China', () => {
    for (const point of [
      { lat: 1.28389, lng: 103.85121 },
      { lat: -23.5505, lng: -46.6333 },
      { lat: -6.2088, lng: 106.8456 },
    ]) {
      expect(wgs84ToGcj02(point)).toEqual(point);
      expect(gcj02ToWgs84(point)).toEqual(point);
    }
  });
});

describe('destinationPoint', () => {
  it('lands at the distance asked for, in the direction asked for', () => {
    const from = { lat: 31.2304, lng: 121.4737 };
    for (const [distance, bearing] of [
      [10, 0],
      [1500, 90],
      [25_000, 225],
    ] as const) {
      const to = destinationPoint(from, distance, bearing);
      expect(distanceMeters(from, to)).toBeCloseTo(distance, 3);
    }
    expect(destinationPoint(from, 1000, 0).lat).toBeGreaterThan(from.lat);
    expect(destinationPoint(from, 1000, 90).lng).toBeGreaterThan(from.lng);
  });

  it('wraps across the antimeridian', () => {
    expect(destinationPoint({ lat: 0, lng: 179.999 }, 1000, 90).lng).toBeLessThan(-179.99);
  });
});
