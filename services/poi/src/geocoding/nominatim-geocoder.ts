import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { type GeocodeResult, type Geocoder, GeocoderUnavailableError, type ReverseResult } from './geocoder';

export interface NominatimOptions {
  /** The server's base URL, e.g. https://nominatim.example.org or http://host/nominatim/. */
  baseUrl: URL;
  userAgent: string;
  timeoutMs: number;
  /** Results per search. */
  limit?: number;
}

// The fields of Nominatim's jsonv2 answers this driver reads (https://nominatim.org/release-docs/latest/api/Output/).
const NominatimPlace = Type.Object({
  lat: Type.String(),
  lon: Type.String(),
  display_name: Type.String(),
  name: Type.Optional(Type.String()),
  importance: Type.Optional(Type.Number()),
  address: Type.Optional(Type.Record(Type.String(), Type.String())),
});
type NominatimPlace = Static<typeof NominatimPlace>;

function coordinates(place: NominatimPlace): { lat: number; lng: number } | undefined {
  const lat = Number(place.lat);
  const lng = Number(place.lon);
  return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : undefined;
}

const countryOf = (place: NominatimPlace) => place.address?.country_code?.toUpperCase() ?? null;

/**
 * Geocoding by any server that speaks Nominatim's API (`/search`, `/reverse`, `format=jsonv2`): OpenStreetMap's
 * own, a self-hosted one, or a commercial clone. Sends a User-Agent, as Nominatim's usage policy requires, and gives
 * up after `timeoutMs`.
 */
export class NominatimGeocoder implements Geocoder {
  readonly kind = 'nominatim';
  private readonly base: URL;

  constructor(private readonly options: NominatimOptions) {
    // A base with a path must end in "/" for relative endpoints to land below it.
    this.base = new URL(options.baseUrl.href.endsWith('/') ? options.baseUrl.href : `${options.baseUrl.href}/`);
  }

  async geocode(address: string, country: string): Promise<GeocodeResult[]> {
    const body = await this.get('search', {
      q: address,
      countrycodes: country.toLowerCase(),
      format: 'jsonv2',
      addressdetails: '1',
      limit: String(this.options.limit ?? 10),
    });
    if (!Array.isArray(body)) throw new GeocoderUnavailableError('the search answer is not a list');
    return body.flatMap((item): GeocodeResult[] => {
      if (!Value.Check(NominatimPlace, item)) return [];
      const point = coordinates(item);
      if (!point) return [];
      return [
        {
          address: item.display_name,
          name: item.name || null,
          ...point,
          country: countryOf(item),
          score: item.importance ?? null,
          source: 'nominatim',
          placeId: null,
        },
      ];
    });
  }

  async reverse(lat: number, lng: number): Promise<ReverseResult | null> {
    const body = await this.get('reverse', { lat: String(lat), lon: String(lng), format: 'jsonv2', addressdetails: '1' });
    // Nominatim answers 200 with {"error": "Unable to geocode"} where there is nothing (the open sea).
    if (typeof body === 'object' && body !== null && 'error' in body) return null;
    if (!Value.Check(NominatimPlace, body)) throw new GeocoderUnavailableError('the reverse answer is not a place');
    const point = coordinates(body);
    if (!point) throw new GeocoderUnavailableError('the reverse answer has no coordinates');
    return {
      address: body.display_name,
      ...point,
      country: countryOf(body),
      areaPath: [],
      source: 'nominatim',
      placeId: null,
      distance: null,
    };
  }

  private async get(endpoint: string, params: Record<string, string>): Promise<unknown> {
    const url = new URL(endpoint, this.base);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { 'user-agent': this.options.userAgent, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw this.failure(error, 'it cannot be reached');
    }
    if (!response.ok) throw new GeocoderUnavailableError(`it answered HTTP ${response.status}`);
    try {
      return await response.json();
    } catch (error) {
      throw this.failure(error, 'its answer is not JSON');
    }
  }

  private failure(error: unknown, otherwise: string): GeocoderUnavailableError {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return new GeocoderUnavailableError(timedOut ? `no answer within ${this.options.timeoutMs} ms` : otherwise);
  }
}
