export type LngLat = [number, number];
export type BBox = [number, number, number, number];

/** The outer rings of a GeoJSON Polygon or MultiPolygon (holes are left out: a label never goes in one). */
export function outerRingsOf(geometry: { type: string; coordinates: unknown } | undefined): LngLat[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [(geometry.coordinates as LngLat[][])[0] ?? []];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as LngLat[][][]).map((polygon) => polygon[0] ?? []);
  return [];
}

/** Signed area (shoelace, in square degrees) and centroid of a ring. */
function ringCentroid(ring: LngLat[]): { area: number; at: LngLat } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] as LngLat;
    const [x1, y1] = ring[i + 1] as LngLat;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) return { area: 0, at: ring[0] ?? [0, 0] };
  return { area, at: [x / (6 * area), y / (6 * area)] };
}

export function insideRing([px, py]: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as LngLat;
    const [xj, yj] = ring[j] as LngLat;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Where a territory's name goes: the centroid of its largest part, or, when that falls outside the part (a
 * crescent-shaped district), the middle of the widest stretch across the part at the centroid's latitude.
 */
export function labelPoint(rings: LngLat[][]): LngLat | undefined {
  const parts = rings.filter((ring) => ring.length >= 4).map((ring) => ({ ring, ...ringCentroid(ring) }));
  const largest = parts.sort((a, b) => Math.abs(b.area) - Math.abs(a.area))[0];
  if (!largest) return undefined;
  if (insideRing(largest.at, largest.ring)) return largest.at;
  const lat = largest.at[1];
  const crossings: number[] = [];
  for (let i = 0; i < largest.ring.length - 1; i++) {
    const [x0, y0] = largest.ring[i] as LngLat;
    const [x1, y1] = largest.ring[i + 1] as LngLat;
    if (y0 > lat !== y1 > lat) crossings.push(x0 + ((lat - y0) * (x1 - x0)) / (y1 - y0));
  }
  crossings.sort((a, b) => a - b);
  let best: LngLat | undefined;
  let widest = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const [a, b] = [crossings[i] as number, crossings[i + 1] as number];
    if (b - a > widest) {
      widest = b - a;
      best = [(a + b) / 2, lat];
    }
  }
  return best ?? largest.at;
}
