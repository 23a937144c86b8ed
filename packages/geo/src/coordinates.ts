import type { LatLng } from './distance';

/**
 * Chinese map coordinate systems. Maps served in mainland China use GCJ-02 (an obfuscated WGS-84, by law) or
 * Baidu's BD-09 on top of it; storage is always WGS-84 and clients are converted at the edge. The transform is
 * the published "Mars coordinates" algorithm (Krasovsky 1940 ellipsoid); outside China it is the identity.
 */
export type CoordinateSystem = 'WGS84' | 'GCJ02' | 'BD09';

const A = 6_378_245.0;
const EE = 0.006_693_421_622_965_943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/**
 * Mainland China as a handful of boxes (north, west, south, east) minus a few more: the single box most libraries
 * use reaches down to Singapore and Kuala Lumpur, whose coordinates must stay untouched.
 */
const CHINA: [number, number, number, number][] = [
  [49.2204, 79.4462, 42.8899, 96.33],
  [54.1415, 109.6872, 39.3742, 135.0002],
  [42.8899, 73.1246, 29.5297, 124.143255],
  [29.5297, 82.9684, 26.7186, 97.0352],
  [29.5297, 97.0253, 20.414096, 124.367395],
  [20.414096, 107.975793, 17.871542, 111.744104],
];
const NOT_CHINA: [number, number, number, number][] = [
  [25.398623, 119.921265, 21.785006, 122.497559],
  [22.284, 101.8652, 20.0988, 106.665],
  [21.5422, 106.4525, 20.4878, 108.051],
  [55.8175, 109.0323, 50.3257, 119.127],
  [55.8175, 127.4568, 49.5574, 137.0227],
  [44.8922, 131.2662, 42.5692, 137.0227],
];

const inBox = (lat: number, lng: number, [north, west, south, east]: [number, number, number, number]) =>
  lat <= north && lat >= south && lng >= west && lng <= east;

/** Whether GCJ-02 applies at this point. */
export function isInChina({ lat, lng }: LatLng): boolean {
  return CHINA.some((box) => inBox(lat, lng, box)) && !NOT_CHINA.some((box) => inBox(lat, lng, box));
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset at a WGS-84 point. */
function gcjOffset({ lat, lng }: LatLng): LatLng {
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(lng - 105.0, lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (transformLng(lng - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lng: dLng };
}

export function wgs84ToGcj02(point: LatLng): LatLng {
  if (!isInChina(point)) return { ...point };
  const d = gcjOffset(point);
  return { lat: point.lat + d.lat, lng: point.lng + d.lng };
}

/** Inverse by fixed-point iteration: converges to well under a millimetre in a few steps. */
export function gcj02ToWgs84(point: LatLng): LatLng {
  if (!isInChina(point)) return { ...point };
  let guess = { lat: point.lat, lng: point.lng };
  for (let i = 0; i < 10; i++) {
    const there = wgs84ToGcj02(guess);
    const dLat = there.lat - point.lat;
    const dLng = there.lng - point.lng;
    guess = { lat: guess.lat - dLat, lng: guess.lng - dLng };
    if (Math.abs(dLat) < 1e-10 && Math.abs(dLng) < 1e-10) break;
  }
  return guess;
}

export function gcj02ToBd09({ lat, lng }: LatLng): LatLng {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
  return { lat: z * Math.sin(theta) + 0.006, lng: z * Math.cos(theta) + 0.0065 };
}

export function bd09ToGcj02({ lat, lng }: LatLng): LatLng {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return { lat: z * Math.sin(theta), lng: z * Math.cos(theta) };
}

/** Converts a point a client sent in `system` to WGS-84 for storage. */
export function toWgs84(point: LatLng, system: CoordinateSystem): LatLng {
  if (system === 'GCJ02') return gcj02ToWgs84(point);
  if (system === 'BD09') return gcj02ToWgs84(bd09ToGcj02(point));
  return { ...point };
}

/** Converts a stored WGS-84 point to what a client in `system` expects. */
export function fromWgs84(point: LatLng, system: CoordinateSystem): LatLng {
  if (system === 'GCJ02') return wgs84ToGcj02(point);
  if (system === 'BD09') return gcj02ToBd09(wgs84ToGcj02(point));
  return { ...point };
}
