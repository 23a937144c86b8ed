import { type CoordinateSystem, fromWgs84, toWgs84 } from '@fieldops/geo';
import type { Principal } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { type AreaGeometry, type LatLng, mapPositions, type Position } from '../domain/geometry';

export type { CoordinateSystem } from '@fieldops/geo';

/** About a centimetre: enough for boundaries, and the JSON stays small after a datum shift. */
const round = (value: number) => Math.round(value * 1e7) / 1e7;

/**
 * The coordinate system a request speaks: what it asks for (`?coords=`), else its caller's country policy (a CN
 * client speaks GCJ-02). Storage is always WGS-84.
 */
export function systemOf(ctx: AreaContext, caller: Principal, requested: CoordinateSystem | undefined): CoordinateSystem {
  if (requested) return requested;
  return ctx.countries.isSupported(caller.country) ? ctx.countries.get(caller.country).coordinateSystem : 'WGS84';
}

export function pointToWgs84(point: LatLng, system: CoordinateSystem): LatLng {
  return system === 'WGS84' ? point : toWgs84(point, system);
}

export function pointFromWgs84(point: LatLng, system: CoordinateSystem): LatLng {
  if (system === 'WGS84') return point;
  const converted = fromWgs84(point, system);
  return { lat: round(converted.lat), lng: round(converted.lng) };
}

const positionVia =
  (convert: (p: LatLng) => LatLng) =>
  ([lng, lat]: Position): Position => {
    const p = convert({ lat, lng });
    return [round(p.lng), round(p.lat)];
  };

export function geometryToWgs84(geometry: AreaGeometry, system: CoordinateSystem): AreaGeometry {
  return system === 'WGS84'
    ? geometry
    : mapPositions(
        geometry,
        positionVia((p) => toWgs84(p, system)),
      );
}

export function geometryFromWgs84(geometry: AreaGeometry, system: CoordinateSystem): AreaGeometry {
  return system === 'WGS84'
    ? geometry
    : mapPositions(
        geometry,
        positionVia((p) => fromWgs84(p, system)),
      );
}
