import { type CoordinateSystem, fromWgs84, type LatLng, toWgs84 } from '@fieldops/geo';
import type { Principal } from '@fieldops/platform';
import type { CheckinContext } from '../config';

/**
 * The coordinate system a request speaks: what it asks for with `?coords=`, else what its caller's country policy
 * says (GCJ-02 in China, WGS-84 elsewhere). Storage, distances and events are WGS-84; conversions happen here.
 */
export function clientSystem(ctx: CheckinContext, caller: Principal, requested: CoordinateSystem | undefined): CoordinateSystem {
  return requested ?? ctx.countries.get(caller.country).coordinateSystem;
}

export interface EdgeCoordinates {
  system: CoordinateSystem;
  toStored(point: LatLng): LatLng;
  toClient(point: LatLng): LatLng;
}

export function edgeCoordinates(system: CoordinateSystem): EdgeCoordinates {
  return { system, toStored: (point) => toWgs84(point, system), toClient: (point) => fromWgs84(point, system) };
}

/** What RPC speaks. */
export const WGS84 = edgeCoordinates('WGS84');
