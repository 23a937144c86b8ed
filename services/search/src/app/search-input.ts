import type { LatLngBox } from '@fieldops/geo';
import { decodeCursor, encodeCursor, ValidationError } from '@fieldops/platform';
import { DOCUMENT_TYPES, type DocumentType } from '../domain/search-document';
import { FACETS, type Facet, SORTS, type Sort } from '../domain/search-query';

/** A search as REST and RPC both take it (comma lists as strings, WGS-84 coordinates). */
export interface SearchInput {
  q?: string;
  type?: string;
  lat?: number;
  lng?: number;
  radius?: number;
  bbox?: string;
  areaId?: string;
  status?: string;
  stage?: string;
  category?: string;
  owner?: string;
  area?: string;
  country?: string;
  pool?: string;
  priority?: string;
  sla?: string;
  hasOpenTicket?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string;
  facets?: string;
  /** Also count every hit (the answer's total). */
  withTotal?: boolean;
}

export const MAX_RADIUS_M = 50_000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function oneOf<T extends string>(field: string, values: string[] | undefined, allowed: readonly T[]): T[] | undefined {
  if (!values) return undefined;
  const wrong = values.find((v) => !allowed.includes(v as T));
  if (wrong !== undefined) throw new ValidationError([{ field, message: `"${wrong}" is not one of ${allowed.join(', ')}` }]);
  return values as T[];
}

export function typesOf(input: SearchInput): DocumentType[] {
  return oneOf('/query/type', listOf(input.type), DOCUMENT_TYPES) ?? [...DOCUMENT_TYPES];
}

export function facetsOf(input: SearchInput): Facet[] {
  return oneOf('/query/facets', listOf(input.facets), FACETS) ?? [];
}

export function bboxOf(input: SearchInput): LatLngBox | undefined {
  const parts = listOf(input.bbox);
  if (!parts) return undefined;
  const numbers = parts.map(Number);
  const [minLng, minLat, maxLng, maxLat] = numbers;
  if (
    numbers.length !== 4 ||
    minLng === undefined ||
    minLat === undefined ||
    maxLng === undefined ||
    maxLat === undefined ||
    numbers.some((n) => !Number.isFinite(n)) ||
    minLat > maxLat ||
    minLng > maxLng ||
    minLat < -90 ||
    maxLat > 90 ||
    minLng < -180 ||
    maxLng > 180
  ) {
    throw new ValidationError([{ field: '/query/bbox', message: 'must be minLng,minLat,maxLng,maxLat in WGS-84 degrees' }]);
  }
  return { minLat, minLng, maxLat, maxLng };
}

/** Validates the point, radius and sort together: each needs the others. */
export function geoOf(input: SearchInput): { origin?: { lat: number; lng: number }; radius?: number } {
  const hasLat = input.lat !== undefined;
  if (hasLat !== (input.lng !== undefined)) {
    throw new ValidationError([{ field: hasLat ? '/query/lng' : '/query/lat', message: 'lat and lng come together' }]);
  }
  if (input.radius !== undefined && !hasLat) throw new ValidationError([{ field: '/query/radius', message: 'needs lat and lng' }]);
  if (input.radius !== undefined && (input.radius <= 0 || input.radius > MAX_RADIUS_M)) {
    throw new ValidationError([{ field: '/query/radius', message: `must be in (0, ${MAX_RADIUS_M}] metres` }]);
  }
  if (input.lat === undefined || input.lng === undefined) return {};
  if (Math.abs(input.lat) > 90) throw new ValidationError([{ field: '/query/lat', message: 'must be within [-90, 90]' }]);
  if (Math.abs(input.lng) > 180) throw new ValidationError([{ field: '/query/lng', message: 'must be within [-180, 180]' }]);
  return { origin: { lat: input.lat, lng: input.lng }, radius: input.radius };
}

/** The sort asked for, or the natural one: relevance for text, distance around a point, else recency. */
export function sortOf(input: SearchInput, hasText: boolean, hasOrigin: boolean): Sort {
  const [asked] = oneOf('/query/sort', listOf(input.sort), SORTS) ?? [];
  if (asked === 'breach' && typesOf(input).some((type) => type !== 'ticket'))
    throw new ValidationError([{ field: '/query/sort', message: 'breach sorts tickets only: add type=ticket' }]);
  if (asked === 'distance' && !hasOrigin) throw new ValidationError([{ field: '/query/sort', message: 'distance needs lat and lng' }]);
  if (asked === 'relevance' && !hasText) return hasOrigin ? 'distance' : 'recency';
  return asked ?? (hasText ? 'relevance' : hasOrigin ? 'distance' : 'recency');
}

/** Cursors name their sort, so one from another sort is refused rather than misread. */
export function afterOf(cursor: string | undefined, sort: Sort): unknown[] | undefined {
  const key = decodeCursor(cursor);
  if (!key) return undefined;
  const [name, ...rest] = key;
  if (name !== sort || rest.length !== 2) throw new ValidationError([{ field: '/query/cursor', message: 'belongs to another sort' }]);
  return rest;
}

export function cursorOf(sort: Sort, key: unknown[]): string {
  return encodeCursor([sort, ...key]);
}
