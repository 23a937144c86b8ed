import { distanceMeters, type LatLng } from '@fieldops/geo';

/**
 * Orders a rep's day: nearest neighbour to build a route, then 2-opt to shorten it, with fixed-time appointments.
 *
 * The route is open (it starts at `start` at `startAt` and ends at its last stop). Travel takes distance / speed, a
 * visit takes `visitMs`; arriving before an appointment means waiting for it. Appointments are kept this way:
 * - construction: the nearest remaining stop is taken only if, after it, every remaining appointment can still be
 *   reached in time when visited next in appointment order; when no stop passes, the earliest appointment is next;
 * - 2-opt: a segment reversal is kept only if it does not make the total lateness worse and it shortens the route
 *   (or if it reduces lateness). Without appointments the lateness is always zero, so 2-opt only ever shortens the
 *   nearest-neighbour route: the result is never longer than nearest neighbour's.
 * Lateness that no order avoids (two appointments too close in time for the distance between them) is reported per
 * stop (`late`), not hidden.
 */

export interface RouteStop extends LatLng {
  /** The caller's handle on the stop (e.g. its index in the request). */
  key: string;
  /** Epoch ms the rep must be there by, or null. */
  appointmentAt: number | null;
}

export interface RouteInput {
  start: LatLng;
  startAt: number;
  stops: readonly RouteStop[];
  speedMps: number;
  visitMs: number;
}

export interface PlannedStop {
  stop: RouteStop;
  /** When the visit starts: arrival, or the appointment when the rep arrives early and waits. */
  arriveAt: number;
  late: boolean;
}

export interface Route {
  stops: PlannedStop[];
  totalDistanceM: number;
  travelSeconds: number;
  /** Sum of the minutes late over all appointments, in ms (0 when every appointment is kept). */
  latenessMs: number;
}

/** Distances between the start (index 0) and the stops (index i + 1). */
function distanceMatrix(input: RouteInput): number[][] {
  const points: LatLng[] = [input.start, ...input.stops];
  return points.map((a) => points.map((b) => distanceMeters(a, b)));
}

interface Evaluation {
  arrivals: number[];
  lateness: number[];
  distance: number;
}

/** `order` holds stop indexes (0-based into input.stops). */
function evaluate(input: RouteInput, d: number[][], order: readonly number[]): Evaluation {
  let at = input.startAt;
  let from = 0;
  let distance = 0;
  const arrivals: number[] = [];
  const lateness: number[] = [];
  for (const index of order) {
    const hop = d[from]?.[index + 1] ?? 0;
    distance += hop;
    at += (hop / input.speedMps) * 1000;
    const appointment = input.stops[index]?.appointmentAt ?? null;
    lateness.push(appointment === null ? 0 : Math.max(0, at - appointment));
    if (appointment !== null && at < appointment) at = appointment;
    arrivals.push(at);
    at += input.visitMs;
    from = index + 1;
  }
  return { arrivals, lateness, distance };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Plain nearest neighbour from the start, appointments ignored: the baseline the optimiser must not lose to. */
export function nearestNeighbourOrder(input: RouteInput): number[] {
  const d = distanceMatrix(input);
  const remaining = new Set(input.stops.map((_, i) => i));
  const order: number[] = [];
  let from = 0;
  while (remaining.size > 0) {
    let best = -1;
    for (const i of remaining) if (best < 0 || (d[from]?.[i + 1] ?? 0) < (d[from]?.[best + 1] ?? 0)) best = i;
    order.push(best);
    remaining.delete(best);
    from = best + 1;
  }
  return order;
}

/** Whether every appointment in `fixed` is reached in time, visiting them in appointment order from (from, at). */
function appointmentsReachable(input: RouteInput, d: number[][], from: number, at: number, fixed: readonly number[]): boolean {
  let position = from;
  let time = at;
  for (const index of fixed) {
    time += ((d[position]?.[index + 1] ?? 0) / input.speedMps) * 1000;
    const appointment = input.stops[index]?.appointmentAt ?? time;
    if (time > appointment) return false;
    time = Math.max(time, appointment) + input.visitMs;
    position = index + 1;
  }
  return true;
}

function constructRoute(input: RouteInput, d: number[][]): number[] {
  const remaining = new Set(input.stops.map((_, i) => i));
  const order: number[] = [];
  let from = 0;
  let at = input.startAt;
  while (remaining.size > 0) {
    const fixed = [...remaining]
      .filter((i) => input.stops[i]?.appointmentAt != null)
      .sort((a, b) => (input.stops[a]?.appointmentAt ?? 0) - (input.stops[b]?.appointmentAt ?? 0));
    const byDistance = [...remaining].sort((a, b) => (d[from]?.[a + 1] ?? 0) - (d[from]?.[b + 1] ?? 0));
    const next =
      byDistance.find((candidate) => {
        let time = at + ((d[from]?.[candidate + 1] ?? 0) / input.speedMps) * 1000;
        const appointment = input.stops[candidate]?.appointmentAt ?? null;
        if (appointment !== null && time > appointment) return false;
        time = Math.max(time, appointment ?? time) + input.visitMs;
        return appointmentsReachable(
          input,
          d,
          candidate + 1,
          time,
          fixed.filter((i) => i !== candidate),
        );
      }) ??
      fixed[0] ??
      byDistance[0] ??
      0;
    const hop = d[from]?.[next + 1] ?? 0;
    at += (hop / input.speedMps) * 1000;
    at = Math.max(at, input.stops[next]?.appointmentAt ?? at) + input.visitMs;
    order.push(next);
    remaining.delete(next);
    from = next + 1;
  }
  return order;
}

function twoOpt(input: RouteInput, d: number[][], start: number[]): number[] {
  let order = start;
  let current = evaluate(input, d, order);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < order.length - 1; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const candidate = [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)];
        const next = evaluate(input, d, candidate);
        const lateBefore = sum(current.lateness);
        const lateAfter = sum(next.lateness);
        const better = lateAfter < lateBefore - 1 || (lateAfter <= lateBefore + 1e-6 && next.distance < current.distance - 1e-6);
        if (better) {
          order = candidate;
          current = next;
          improved = true;
        }
      }
    }
  }
  return order;
}

export function optimiseRoute(input: RouteInput): Route {
  const d = distanceMatrix(input);
  const order = twoOpt(input, d, constructRoute(input, d));
  const { arrivals, lateness, distance } = evaluate(input, d, order);
  const stops: PlannedStop[] = [];
  order.forEach((index, position) => {
    const stop = input.stops[index];
    if (stop) stops.push({ stop, arriveAt: Math.round(arrivals[position] ?? input.startAt), late: (lateness[position] ?? 0) > 0 });
  });
  return {
    stops,
    totalDistanceM: distance,
    travelSeconds: Math.round(distance / input.speedMps),
    latenessMs: sum(lateness),
  };
}

/** The length of a route visiting the stops in `order` (for comparisons). */
export function routeDistance(input: RouteInput, order: readonly number[]): number {
  return evaluate(input, distanceMatrix(input), order).distance;
}
