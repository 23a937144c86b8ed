import type { LatLng } from './distance';

// What a record keeps of a measurement. MySQL and MariaDB hand doubles back rounded to 15 significant digits, so a
// value with more (a GCJ-02 conversion, 4 + 5.38) would read back different from what the write answered.

/** A coordinate to 1e-7 degrees (about a centimetre). */
export const roundDegrees = (value: number) => Math.round(value * 1e7) / 1e7;

/** A point to 1e-7 degrees on both axes. */
export const roundPoint = (point: LatLng): LatLng => ({ lat: roundDegrees(point.lat), lng: roundDegrees(point.lng) });

/** A length (a distance, a GPS accuracy) to the centimetre. */
export const roundMetres = (value: number) => Math.round(value * 100) / 100;
