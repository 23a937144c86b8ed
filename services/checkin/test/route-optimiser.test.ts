import { describe, expect, it } from 'vitest';
import { nearestNeighbourOrder, optimiseRoute, type RouteInput, type RouteStop, routeDistance } from '../src/domain/route-optimiser';

const START_AT = Date.UTC(2026, 10, 2, 1, 0);
const MIN = 60_000;
const SPEED = 20 / 3.6;

/** A deterministic pseudo-random generator, so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

function cityStops(seed: number, count: number): RouteStop[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    key: String(i),
    lat: 1.28 + next() * 0.1,
    lng: 103.78 + next() * 0.12,
    appointmentAt: null,
  }));
}

const input = (stops: RouteStop[]): RouteInput => ({
  start: { lat: 1.3, lng: 103.83 },
  startAt: START_AT,
  stops,
  speedMps: SPEED,
  visitMs: 20 * MIN,
});

describe('route optimiser', () => {
  it('is never longer than nearest neighbour, and usually shorter (50 random days of 25 stops)', () => {
    let shorter = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const day = input(cityStops(seed, 25));
      const baseline = routeDistance(day, nearestNeighbourOrder(day));
      const route = optimiseRoute(day);
      expect(route.totalDistanceM, `seed ${seed}`).toBeLessThanOrEqual(baseline + 1e-6);
      if (route.totalDistanceM < baseline - 1) shorter++;
      expect(route.stops.map((s) => s.stop.key).sort()).toEqual(day.stops.map((s) => s.key).sort());
    }
    expect(shorter).toBeGreaterThan(25);
  });

  it('reports total distance and travel time at the given speed', () => {
    const route = optimiseRoute(input(cityStops(7, 10)));
    expect(route.travelSeconds).toBe(Math.round(route.totalDistanceM / SPEED));
    expect(route.latenessMs).toBe(0);
  });

  it('reaches every appointment in time, a far stop due first thing included (50 random days)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const stops = cityStops(seed, 15);
      // The stop farthest from the start must be visited first thing; another stop late in the day.
      const day = input(stops);
      const baseline = nearestNeighbourOrder(day);
      const farthest = stops[baseline[baseline.length - 1] ?? 0];
      if (!farthest) throw new Error('no stop');
      farthest.appointmentAt = START_AT + 45 * MIN;
      const other = stops.find((s) => s !== farthest);
      if (other) other.appointmentAt = START_AT + 6 * 60 * MIN;
      const route = optimiseRoute(day);
      expect(route.latenessMs, `seed ${seed}`).toBe(0);
      for (const planned of route.stops) {
        expect(planned.late).toBe(false);
        if (planned.stop.appointmentAt !== null) expect(planned.arriveAt).toBeLessThanOrEqual(planned.stop.appointmentAt);
      }
    }
  });

  it('waits for an appointment rather than arriving early, and reports lateness no order can avoid', () => {
    const near = { key: 'near', lat: 1.3, lng: 103.831, appointmentAt: START_AT + 60 * MIN };
    const waited = optimiseRoute(input([near]));
    expect(waited.stops[0]?.arriveAt).toBe(START_AT + 60 * MIN);
    const impossible = { key: 'far', lat: 1.45, lng: 103.83, appointmentAt: START_AT + 5 * MIN };
    const late = optimiseRoute(input([impossible]));
    expect(late.stops[0]?.late).toBe(true);
    expect(late.latenessMs).toBeGreaterThan(0);
  });
});
