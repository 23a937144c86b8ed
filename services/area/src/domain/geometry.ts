import { type EdgeCoordinates, roundDegrees } from '@fieldops/geo';

/** GeoJSON positions are `[longitude, latitude]` (RFC 7946); areas are stored in WGS-84. */
export type Position = [number, number];
export type Ring = Position[];
/** The exterior ring first, then the holes. */
export type PolygonRings = Ring[];

export type AreaGeometry = { type: 'Polygon'; coordinates: PolygonRings } | { type: 'MultiPolygon'; coordinates: PolygonRings[] };

/** `[minLng, minLat, maxLng, maxLat]`, as GeoJSON writes a bbox. */
export type BBox = [number, number, number, number];

export interface LatLng {
  lat: number;
  lng: number;
}

/** The polygons of a geometry, whatever its type. */
export function polygonsOf(geometry: AreaGeometry): PolygonRings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    // Holes lie inside the exterior ring: it alone bounds the polygon.
    for (const [lng, lat] of polygon[0] ?? []) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

export function unionBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function intersectBBox(a: BBox, b: BBox): BBox | undefined {
  const box: BBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] <= box[2] && box[1] <= box[3] ? box : undefined;
}

/** Applies `convert` to every position (coordinate-system changes at the edge). */
export function mapPositions(geometry: AreaGeometry, convert: (position: Position) => Position): AreaGeometry {
  const polygon = (rings: PolygonRings) => rings.map((ring) => ring.map(convert));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
}

const METRES_PER_DEGREE = 111_319.49;

/**
 * Area in square metres on a local equirectangular projection: within a city the error is a fraction of a
 * percent, which is all that ranking overlapping siblings and reporting overlaps need.
 */
export function areaSquareMetres(geometry: AreaGeometry): number {
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    for (const [index, ring] of polygon.entries()) {
      const size = Math.abs(ringArea(ring));
      total += index === 0 ? size : -size;
    }
  }
  return total;
}

function ringArea(ring: Ring): number {
  const first = ring[0];
  if (!first) return 0;
  const kx = METRES_PER_DEGREE * Math.cos((first[1] * Math.PI) / 180);
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (!a || !b) continue;
    sum += (a[0] - first[0]) * kx * (b[1] - first[1]) * METRES_PER_DEGREE - (b[0] - first[0]) * kx * (a[1] - first[1]) * METRES_PER_DEGREE;
  }
  return sum / 2;
}

/** Area of a bbox in square metres (same projection as `areaSquareMetres`). */
export function bboxSquareMetres([minLng, minLat, maxLng, maxLat]: BBox): number {
  const kx = METRES_PER_DEGREE * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  return (maxLng - minLng) * kx * (maxLat - minLat) * METRES_PER_DEGREE;
}

/** Positions to about a centimetre: enough for boundaries, and the JSON stays small after a datum shift. */
const positionsVia = (geometry: AreaGeometry, convert: (point: LatLng) => LatLng): AreaGeometry =>
  mapPositions(geometry, ([lng, lat]) => {
    const p = convert({ lat, lng });
    return [roundDegrees(p.lng), roundDegrees(p.lat)];
  });

/** A geometry a client sent, as stored (WGS-84); a WGS-84 client's is kept as sent. */
export function geometryToStored(geometry: AreaGeometry, edge: EdgeCoordinates): AreaGeometry {
  return edge.system === 'WGS84' ? geometry : positionsVia(geometry, edge.toStored);
}

/** A stored geometry as the client speaks it. */
export function geometryToClient(geometry: AreaGeometry, edge: EdgeCoordinates): AreaGeometry {
  return edge.system === 'WGS84' ? geometry : positionsVia(geometry, edge.toClient);
}
