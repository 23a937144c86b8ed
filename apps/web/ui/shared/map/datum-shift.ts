import { fromWgs84, toWgs84 } from '@fieldops/geo/coordinates';
import type { LngLat } from './map-geometry';

/** Moves a WGS-84 position onto the base map's datum, and back. Identity outside China and on WGS-84 maps. */
export function datumShift(datum: 'WGS84' | 'GCJ02'): { toMap(at: LngLat): LngLat; fromMap(at: LngLat): LngLat } {
  if (datum === 'WGS84') return { toMap: (at) => at, fromMap: (at) => at };
  return {
    toMap: ([lng, lat]) => {
      const moved = fromWgs84({ lat, lng }, 'GCJ02');
      return [moved.lng, moved.lat];
    },
    fromMap: ([lng, lat]) => {
      const moved = toWgs84({ lat, lng }, 'GCJ02');
      return [moved.lng, moved.lat];
    },
  };
}
