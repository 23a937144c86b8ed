import { type AreaGeometry, type PolygonRings, type Position, polygonsOf, type Ring } from './geometry';
import { overlappingParts } from './part-overlap';
import { ringContains } from './point-in-polygon';
import { findIntersections, type SegmentRef } from './ring-intersections';

/** One thing wrong with a geometry, at a JSON pointer into the request (`/body/geometry/coordinates/0/3`). */
export interface GeometryProblem {
  field: string;
  message: string;
}

export type GeometryCheck = { ok: true; geometry: AreaGeometry } | { ok: false; problems: GeometryProblem[] };

/** Enough for any district in the demo data (the largest has 840 positions in one ring) with room to spare. */
export const MAX_POSITIONS = 100_000;
const MAX_PROBLEMS = 20;

const describe = (value: unknown) => (Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value);
const show = ([lng, lat]: Position) => `[${lng}, ${lat}]`;

class Problems {
  readonly list: GeometryProblem[] = [];
  add(field: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ field, message });
  }
}

function parsePosition(value: unknown, at: string, problems: Problems): Position | undefined {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    problems.add(at, 'must be a position [longitude, latitude] of two finite numbers');
    return undefined;
  }
  const [lng, lat] = value as number[];
  if (lng === undefined || lat === undefined) return undefined;
  if (lng < -180 || lng > 180) problems.add(at, `longitude ${lng} is out of range (-180 to 180); positions are [longitude, latitude]`);
  if (lat < -90 || lat > 90) problems.add(at, `latitude ${lat} is out of range (-90 to 90); positions are [longitude, latitude]`);
  // A third value (altitude) is allowed by GeoJSON and dropped: areas are flat.
  return [lng, lat];
}

function parseRing(value: unknown, at: string, problems: Problems): Ring | undefined {
  if (!Array.isArray(value)) {
    problems.add(at, `must be a ring (an array of positions), not ${describe(value)}`);
    return undefined;
  }
  const ring: Ring = [];
  for (const [index, item] of value.entries()) {
    const position = parsePosition(item, `${at}/${index}`, problems);
    if (position) ring.push(position);
  }
  if (ring.length !== value.length) return undefined;
  if (ring.length < 4) {
    problems.add(at, `a ring needs at least 4 positions (the first repeated at the end); it has ${ring.length}`);
    return undefined;
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    problems.add(`${at}/${ring.length - 1}`, `the ring is open: its last position ${show(last)} must repeat the first ${show(first)}`);
    return undefined;
  }
  return ring;
}

function parsePolygon(value: unknown, at: string, problems: Problems): PolygonRings | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(at, 'must be a polygon: a non-empty array of rings (the exterior ring first, then any holes)');
    return undefined;
  }
  const rings = value.map((ring, index) => parseRing(ring, `${at}/${index}`, problems));
  return rings.every((ring): ring is Ring => ring !== undefined) ? rings : undefined;
}

function parseStructure(value: unknown, at: string, problems: Problems): AreaGeometry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(at, 'must be a GeoJSON geometry object of type Polygon or MultiPolygon');
    return undefined;
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    problems.add(`${at}/type`, `must be "Polygon" or "MultiPolygon", not ${JSON.stringify(type) ?? 'missing'}`);
    return undefined;
  }
  if (type === 'Polygon') {
    const polygon = parsePolygon(coordinates, `${at}/coordinates`, problems);
    return polygon ? { type, coordinates: polygon } : undefined;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    problems.add(`${at}/coordinates`, 'must be a non-empty array of polygons');
    return undefined;
  }
  const polygons = coordinates.map((polygon, index) => parsePolygon(polygon, `${at}/coordinates/${index}`, problems));
  return polygons.every((p): p is PolygonRings => p !== undefined) ? { type, coordinates: polygons } : undefined;
}

function countPositions(value: unknown, depth: number): number {
  if (!Array.isArray(value)) return 0;
  if (depth === 0) return value.length;
  return value.reduce((n: number, item: unknown) => n + countPositions(item, depth - 1), 0);
}

function checkTopology(geometry: AreaGeometry, at: string, problems: Problems): void {
  const multi = geometry.type === 'MultiPolygon';
  const ringAt = (polygon: number, ring: number) => `${at}/coordinates/${multi ? `${polygon}/` : ''}${ring}`;
  const segment = (s: SegmentRef) => `${ringAt(s.polygon, s.ring)}/${s.start}`;
  const polygons = polygonsOf(geometry);
  for (const cut of findIntersections(polygons)) {
    const edge = (s: SegmentRef) => `the edge from position ${s.start} to ${s.start + 1}`;
    const ringName = multi ? `ring ${cut.b.ring} of polygon ${cut.b.polygon}` : `ring ${cut.b.ring}`;
    const message =
      cut.kind === 'self'
        ? `the ring intersects itself: ${edge(cut.a)} meets ${edge(cut.b)} near ${show(cut.at)}`
        : `the rings cross: ${edge(cut.a)} crosses ${ringName} (${edge(cut.b)}) near ${show(cut.at)}`;
    problems.add(segment(cut.a), message);
  }
  if (problems.list.length > 0) return;
  for (const [p, [shell, ...holes]] of polygons.entries()) {
    for (const [h, hole] of holes.entries()) {
      // No edges cross (checked above), so a hole with no position inside the exterior ring lies wholly outside.
      if (shell && !hole.some((position) => ringContains(shell, position))) {
        problems.add(ringAt(p, h + 1), 'this hole lies outside the exterior ring (ring 0) of its polygon');
      }
    }
  }
  if (!multi || problems.list.length > 0) return;
  // A point in two parts would be counted twice and the parts' union is not what was drawn: OGC forbids it.
  for (const [a, b] of overlappingParts(polygons)) {
    problems.add(`${at}/coordinates/${b}`, `polygon ${b} overlaps polygon ${a}: the parts of a MultiPolygon must not overlap`);
  }
}

/**
 * Checks a GeoJSON Polygon/MultiPolygon the way a client needs to hear it: each problem names the exact place
 * (`at` + `/coordinates/…`) and says what is wrong. Structure and ranges first, topology only on a sound shape.
 */
export function validateGeometry(value: unknown, at = '/body/geometry'): GeometryCheck {
  const problems = new Problems();
  const depth = (value as { type?: unknown } | null)?.type === 'MultiPolygon' ? 2 : 1;
  const positions = countPositions((value as { coordinates?: unknown } | null)?.coordinates, depth);
  if (positions > MAX_POSITIONS) {
    return {
      ok: false,
      problems: [{ field: `${at}/coordinates`, message: `has ${positions} positions; at most ${MAX_POSITIONS} are accepted` }],
    };
  }
  const geometry = parseStructure(value, at, problems);
  if (geometry && problems.list.length === 0) checkTopology(geometry, at, problems);
  return geometry && problems.list.length === 0 ? { ok: true, geometry } : { ok: false, problems: problems.list };
}
