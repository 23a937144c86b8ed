import { describe, expect, it } from 'vitest';
import { boxAround, destinationPoint, distanceMeters, type LatLng, type LatLngBox } from '../src/index';

const inBox = (p: LatLng, box: LatLngBox) =>
  p.lat >= box.minLat &&
  p.lat <= box.maxLat &&
  (box.minLng <= box.maxLng ? p.lng >= box.minLng && p.lng <= box.maxLng : p.lng >= box.minLng || p.lng <= box.maxLng);

describe('boxAround', () => {
  const centres: [string, LatLng][] = [
    ['Singapore', { lat: 1.29, lng: 103.85 }],
    ['Oslo, far north', { lat: 59.91, lng: 10.75 }],
    ['Fiji, on the antimeridian', { lat: -17.7, lng: 179.999 }],
    ['Tierra del Fuego, far south', { lat: -54.8, lng: -68.3 }],
  ];

  it.each(centres)('holds every point of the circle around %s, on its edge too', (_, centre) => {
    for (const distance of [5, 280, 2000, 50_000]) {
      const box = boxAround(centre, distance);
      if (!box) throw new Error('expected a box');
      for (let bearing = 0; bearing < 360; bearing += 0.5) {
        const edge = destinationPoint(centre, distance, bearing);
        expect(distanceMeters(centre, edge)).toBeCloseTo(distance, 3);
        expect(inBox(edge, box), `${bearing}° at ${distance} m`).toBe(true);
      }
    }
  });

  it('is no larger than the circle needs (a point just beyond the edge due north or east is outside)', () => {
    const centre = { lat: 1.29, lng: 103.85 };
    const box = boxAround(centre, 2000);
    if (!box) throw new Error('expected a box');
    expect(inBox(destinationPoint(centre, 2001, 0), box)).toBe(false);
    expect(inBox(destinationPoint(centre, 2001, 90), box)).toBe(false);
  });

  it('crosses the antimeridian as a box whose west edge lies east of its east edge', () => {
    const box = boxAround({ lat: -17.7, lng: 179.999 }, 2000);
    expect(box && box.minLng > box.maxLng).toBe(true);
  });

  it('answers no box where the circle reaches a pole', () => {
    expect(boxAround({ lat: 89.99, lng: 0 }, 5000)).toBeUndefined();
    expect(boxAround({ lat: -89.99, lng: 0 }, 5000)).toBeUndefined();
  });
});
