import { diceCoefficient, type LatLng, normalisePlaceName, placeNameSimilarity } from '@fieldops/geo';
import type { PlaceRow } from '../db/place.repository';
import type { AreaPathItem, GeocodeResult, Geocoder, ReverseResult } from './geocoder';

/** The places this service knows, as the offline geocoder reads them. */
export interface KnownPlaces {
  /** Active places of a country whose address or name contains the text, in no order. */
  matching(text: string, country: string, limit: number): Promise<PlaceRow[]>;
  /** The nearest active place within `radius` metres, of any country. */
  nearest(point: LatLng, radius: number): Promise<{ row: PlaceRow; distance: number } | undefined>;
}

/** Where a point is among the areas: their country and the path (country → … → most specific). */
export interface AreaPlace {
  country: string | null;
  path: AreaPathItem[];
}

/** An area whose name matched a text, with a point inside it. */
export interface NamedArea extends LatLng {
  name: string;
  country: string;
  path: AreaPathItem[];
  score: number;
}

export interface AreaLookup {
  /** The areas containing a point, or null when the area service does not answer. */
  pathAt(point: LatLng): Promise<AreaPlace | null>;
  /** Areas of a country named like the text, best first; none when the area service does not answer. */
  named(text: string, country: string): Promise<NamedArea[]>;
}

/** "Bishan, Central Region, Singapore": the most specific area first, as an address reads. */
const addressOf = (path: AreaPathItem[]) =>
  [...path]
    .reverse()
    .map((a) => a.name)
    .join(', ');

const CANDIDATES = 200;
const RESULTS = 10;
/** A known place farther than this says nothing about the address of a point. */
export const REVERSE_RADIUS_M = 250;

/** An address that contains the whole query matches fully; otherwise as alike as the texts are, address or name. */
function matchScore(query: string, row: PlaceRow): number {
  const wanted = normalisePlaceName(query);
  const address = normalisePlaceName(row.address);
  const byAddress = wanted.length > 0 && address.includes(wanted) ? 1 : diceCoefficient(wanted, address);
  return Math.max(byAddress, placeNameSimilarity(query, row.name));
}

/**
 * Geocoding without a provider (the default): addresses from the places already known, best match first; reverse
 * geocoding from the nearest known place and, when the area service is there, the areas containing the point.
 */
export class OfflineGeocoder implements Geocoder {
  readonly kind = 'offline';

  constructor(
    private readonly places: KnownPlaces,
    private readonly areas?: AreaLookup,
  ) {}

  /** Known places and named areas ("Bishan" is a district, not a shop's address), best first; a tie goes to a place. */
  async geocode(address: string, country: string): Promise<GeocodeResult[]> {
    const text = address.trim();
    if (!text) return [];
    const [rows, areas] = await Promise.all([
      this.places.matching(text, country, CANDIDATES),
      this.areas?.named(text, country) ?? Promise.resolve([]),
    ]);
    const places = rows
      .map((row) => ({ row, score: matchScore(text, row) }))
      .sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : 1))
      .map(({ row, score }) => ({
        address: row.address,
        name: row.name,
        lat: row.lat,
        lng: row.lng,
        country: row.country,
        score: Math.round(score * 100) / 100,
        source: 'places' as const,
        placeId: row.id,
      }));
    const named = areas.map((area) => ({
      address: addressOf(area.path),
      name: area.name,
      lat: area.lat,
      lng: area.lng,
      country: area.country,
      score: area.score,
      source: 'areas' as const,
      placeId: null,
    }));
    return [...places, ...named].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, RESULTS);
  }

  async reverse(lat: number, lng: number): Promise<ReverseResult | null> {
    const point = { lat, lng };
    const [place, nearest] = await Promise.all([
      this.areas?.pathAt(point) ?? Promise.resolve(null),
      this.places.nearest(point, REVERSE_RADIUS_M),
    ]);
    if (nearest) {
      const { row, distance } = nearest;
      return {
        address: row.address,
        lat: row.lat,
        lng: row.lng,
        country: row.country,
        areaPath: place?.path ?? [],
        source: 'places',
        placeId: row.id,
        distance,
      };
    }
    if (!place || place.path.length === 0) return null;
    return {
      address: addressOf(place.path),
      lat,
      lng,
      country: place.country,
      areaPath: place.path,
      source: 'areas',
      placeId: null,
      distance: null,
    };
  }
}
