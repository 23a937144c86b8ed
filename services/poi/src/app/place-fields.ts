import type { PlaceCategory, PlaceSource } from '@fieldops/contracts';
import { type LatLng, normalisePlaceName, placeCells } from '@fieldops/geo';
import { ValidationError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PoiContext } from '../config';
import type { PlaceRow } from '../db/place.repository';

/** E.164 by the country's rules; an input that is no number of that country is refused, naming the field. */
export function phoneOf(ctx: PoiContext, country: string, input: string | null | undefined, field = '/body/phone'): string | null {
  if (input === undefined || input === null || input.trim() === '') return null;
  const phone = ctx.countries.get(country).normalizePhone(input);
  if (!phone) throw new ValidationError([{ field, message: `is not a valid phone number in ${country}` }]);
  return phone;
}

/** The stored location columns of a WGS-84 point: the point and its H3 cells. */
export function locationColumns(point: LatLng): Pick<PlaceRow, 'lat' | 'lng' | 'h3_r7' | 'h3_r9'> {
  const cells = placeCells(point);
  return { lat: point.lat, lng: point.lng, h3_r7: cells.r7, h3_r9: cells.r9 };
}

export function nameColumns(name: string): Pick<PlaceRow, 'name' | 'name_key'> {
  const trimmed = name.trim();
  return { name: trimmed, name_key: normalisePlaceName(trimmed) };
}

/** A new place, its fields already checked; `at` is epoch milliseconds. */
export interface PlaceDraft {
  name: string;
  address: string;
  category: PlaceCategory;
  phone: string | null;
  country: string;
  /** WGS-84. */
  location: LatLng;
  source: PlaceSource;
}

export function newPlaceRow(draft: PlaceDraft, at: number, id = uuidv7()): PlaceRow {
  return {
    id,
    ...nameColumns(draft.name),
    address: draft.address.trim(),
    category: draft.category,
    phone: draft.phone,
    country: draft.country,
    ...locationColumns(draft.location),
    source: draft.source,
    status: 'active',
    merged_into: null,
    area_id: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}
