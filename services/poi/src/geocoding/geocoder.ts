import { ServiceUnavailableError } from '@fieldops/platform';

/** Where an address is, by a geocoder. Coordinates are WGS-84. */
export interface GeocodeResult {
  /** The whole address on one line. */
  address: string;
  /** The name of what was found (a shop, a building), when there is one. */
  name: string | null;
  lat: number;
  lng: number;
  /** ISO 3166-1 alpha-2, upper case, when known. */
  country: string | null;
  /** 0..1, how well the result matches, when the geocoder ranks. */
  score: number | null;
  source: 'nominatim' | 'places' | 'areas';
  /** The known place the answer came from (offline geocoder). */
  placeId: string | null;
}

/** One level of the area hierarchy that contains a point, most specific last. */
export interface AreaPathItem {
  id: string;
  name: string;
  level: string;
}

/** What is at a point, by a geocoder. Coordinates are WGS-84: those of what was found. */
export interface ReverseResult {
  address: string;
  lat: number;
  lng: number;
  country: string | null;
  /** The areas (country → city → district…) containing the point, when the area service answered. */
  areaPath: AreaPathItem[];
  source: 'nominatim' | 'areas' | 'places';
  placeId: string | null;
  /** Metres from the point asked to what was found, when that is a nearby known place. */
  distance: number | null;
}

/** The geocoding port: drivers are `NominatimGeocoder` (any Nominatim-compatible server) and `OfflineGeocoder`. */
export interface Geocoder {
  readonly kind: string;
  geocode(address: string, country: string): Promise<GeocodeResult[]>;
  reverse(lat: number, lng: number): Promise<ReverseResult | null>;
}

/** A geocoder that did not answer, or answered nonsense: 503, the client may retry later. */
export class GeocoderUnavailableError extends ServiceUnavailableError {
  constructor(detail: string) {
    super(`The geocoder is unavailable: ${detail}.`);
  }
}
