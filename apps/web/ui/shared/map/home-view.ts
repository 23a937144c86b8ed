import type { CountryPolicy } from '../session/session';
import type { LngLat } from './map-view';

/** Where a map opens for a user: their country's main city, as its policy says (the device's position wins in the field app). */
export function homeView(country: CountryPolicy | undefined): LngLat {
  return country?.mapCentreLng !== undefined && country.mapCentreLat !== undefined ? [country.mapCentreLng, country.mapCentreLat] : [0, 20];
}
