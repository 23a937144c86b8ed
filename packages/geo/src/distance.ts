import type { LatLngBox } from './box-cells';

/** Mean Earth radius used by haversine (IUGG), in metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface LatLng {
  lat: number;
  lng: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two WGS-84 points (haversine; under 0.5 % error). */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a value pair is a usable WGS-84 coordinate. */
export function isValidLatLng(point: LatLng): boolean {
  return Number.isFinite(point.lat) && Number.isFinite(point.lng) && Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180;
}

const deg = (radians: number) => (radians * 180) / Math.PI;

/** The point `distance` metres from `from` along the initial bearing `bearing` (degrees clockwise from north). */
export function destinationPoint(from: LatLng, distance: number, bearing: number): LatLng {
  const angular = distance / EARTH_RADIUS_M;
  const theta = rad(bearing);
  const lat1 = rad(from.lat);
  const lng1 = rad(from.lng);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(theta));
  const lng2 = lng1 + Math.atan2(Math.sin(theta) * Math.sin(angular) * Math.cos(lat1), Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: deg(lat2), lng: ((deg(lng2) + 540) % 360) - 180 };
}

// Floating-point rounding must never put a point of the cap outside its box.
const OUTWARD = 1 + 1e-9;
const OUTWARD_DEGREES = 1e-9;

/**
 * A latitude/longitude box that holds every point within `distance` metres of `centre` (the exact bounds of that
 * spherical cap, rounded outward); undefined when the cap reaches a pole or spans every longitude.
 */
export function boxAround(centre: LatLng, distance: number): LatLngBox | undefined {
  const angular = distance / EARTH_RADIUS_M;
  const dLat = deg(angular) * OUTWARD + OUTWARD_DEGREES;
  if (Math.abs(centre.lat) + dLat >= 90) return undefined;
  const dLng = deg(Math.asin(Math.min(1, Math.sin(angular) / Math.cos(rad(centre.lat))))) * OUTWARD + OUTWARD_DEGREES;
  if (dLng >= 180) return undefined;
  const wrap = (lng: number) => (lng < -180 ? lng + 360 : lng > 180 ? lng - 360 : lng);
  return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLng: wrap(centre.lng - dLng), maxLng: wrap(centre.lng + dLng) };
}
