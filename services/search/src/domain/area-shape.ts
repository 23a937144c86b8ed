import type { AreaShape } from './search-query';

type Ring = [number, number][];

/** Ray casting over one ring of [lng, lat] positions. */
function inRing(ring: Ring, lat: number, lng: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside a polygon's outer ring and outside its holes, for any polygon of the shape. */
export function pointInShape(shape: AreaShape, lat: number, lng: number): boolean {
  if (lat < shape.box.minLat || lat > shape.box.maxLat || lng < shape.box.minLng || lng > shape.box.maxLng) return false;
  return shape.polygons.some(
    ([outer, ...holes]) => outer !== undefined && inRing(outer, lat, lng) && !holes.some((h) => inRing(h, lat, lng)),
  );
}

/** Reads a GeoJSON Polygon or MultiPolygon (WGS-84) into a shape; null for anything else. */
export function shapeOfGeoJson(json: string): AreaShape | null {
  let geometry: { type?: string; coordinates?: unknown };
  try {
    geometry = JSON.parse(json) as typeof geometry;
  } catch {
    return null;
  }
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Ring[]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as Ring[][])
        : null;
  if (!polygons) return null;
  const box = { minLat: 90, maxLat: -90, minLng: 180, maxLng: -180 };
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLng = Math.min(box.minLng, lng);
      box.maxLng = Math.max(box.maxLng, lng);
    }
  }
  return { polygons, box };
}
