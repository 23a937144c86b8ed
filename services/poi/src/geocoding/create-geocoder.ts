import type { PoiSettings } from '../config';
import type { Geocoder } from './geocoder';
import { NominatimGeocoder } from './nominatim-geocoder';
import { type AreaLookup, type KnownPlaces, OfflineGeocoder } from './offline-geocoder';

/** The URL picks the driver: `GEOCODER_URL` set → that Nominatim-compatible server; unset → offline. */
export function createGeocoder(settings: PoiSettings, places: KnownPlaces, areas?: AreaLookup): Geocoder {
  if (settings.geocoderUrl) {
    return new NominatimGeocoder({
      baseUrl: settings.geocoderUrl,
      userAgent: settings.geocoderUserAgent,
      timeoutMs: settings.geocoderTimeoutMs,
    });
  }
  return new OfflineGeocoder(places, areas);
}
