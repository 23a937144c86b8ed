import { type CoordinateSystem, fromWgs84, type LatLng, toWgs84 } from '@fieldops/geo';
import type { Principal } from '@fieldops/platform';
import type { LeadsContext } from '../config';

/**
 * The coordinate system a request speaks: what it asks for with `?coords=`, else what its caller's country policy
 * says (GCJ-02 in China, WGS-84 elsewhere). Storage is always WGS-84; conversions happen here, at the edge.
 */
export function clientSystem(ctx: LeadsContext, caller: Principal, requested: CoordinateSystem | undefined): CoordinateSystem {
  return requested ?? ctx.countries.get(caller.country).coordinateSystem;
}

/** Converts between what a client speaks and what is stored. */
export interface EdgeCoordinates {
  system: CoordinateSystem;
  toStored(point: LatLng): LatLng;
  toClient(point: LatLng): LatLng;
}

export function edgeCoordinates(system: CoordinateSystem): EdgeCoordinates {
  return {
    system,
    toStored: (point) => toWgs84(point, system),
    toClient: (point) => fromWgs84(point, system),
  };
}
