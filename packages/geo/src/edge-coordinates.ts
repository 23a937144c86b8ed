import { type CoordinateSystem, fromWgs84, toWgs84 } from './coordinates';
import type { LatLng } from './distance';

/** Converts between what a client speaks and what is stored: storage, distances, events and RPC are WGS-84. */
export interface EdgeCoordinates {
  system: CoordinateSystem;
  toStored(point: LatLng): LatLng;
  toClient(point: LatLng): LatLng;
}

export function edgeCoordinates(system: CoordinateSystem): EdgeCoordinates {
  return { system, toStored: (point) => toWgs84(point, system), toClient: (point) => fromWgs84(point, system) };
}

/** What events, RPC and sagas speak: no conversion. */
export const WGS84: EdgeCoordinates = edgeCoordinates('WGS84');

/** The country policies, as far as coordinates go (`ctx.countries`). */
export interface CoordinatePolicies {
  isSupported(country: string): boolean;
  get(country: string): { coordinateSystem: CoordinateSystem };
}

/**
 * The coordinate system a request speaks: what it asks for with `?coords=`, else what its caller's country policy
 * says (GCJ-02 in China); a caller from a country without a policy speaks WGS-84.
 */
export function clientSystem(
  countries: CoordinatePolicies,
  caller: { country: string },
  requested: CoordinateSystem | undefined,
): CoordinateSystem {
  if (requested) return requested;
  return countries.isSupported(caller.country) ? countries.get(caller.country).coordinateSystem : 'WGS84';
}

/** The conversions of a request: its `?coords=` or its caller's country decide. */
export function requestCoordinates(
  countries: CoordinatePolicies,
  caller: { country: string },
  requested: CoordinateSystem | undefined,
): EdgeCoordinates {
  return edgeCoordinates(clientSystem(countries, caller, requested));
}
