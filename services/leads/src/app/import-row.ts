import { PLACE_CATEGORIES, type PlaceCategory } from '@fieldops/contracts';
import { ValidationError } from '@fieldops/platform';
import type { CreateLeadInput } from './capture';

/** The columns an import file may have; the header names them, in any order, case-insensitively. */
const REQUIRED = ['name', 'category', 'lat', 'lng'] as const;
const OPTIONAL = ['phone', 'address'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

export type ColumnIndex = Record<Column, number | undefined>;

/** Where each column is in the file; a missing required column fails the whole file (422). */
export function readHeader(header: string[] | undefined): ColumnIndex {
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const at = (column: Column) => (names.includes(column) ? names.indexOf(column) : undefined);
  const missing = REQUIRED.filter((c) => at(c) === undefined);
  if (missing.length > 0) {
    throw new ValidationError(missing.map((c) => ({ field: `/body/${c}`, message: 'is a required column of the CSV header' })));
  }
  return { name: at('name'), category: at('category'), lat: at('lat'), lng: at('lng'), phone: at('phone'), address: at('address') };
}

const isCategory = (value: string): value is PlaceCategory => (PLACE_CATEGORIES as readonly string[]).includes(value);

function coordinate(raw: string, field: 'lat' | 'lng', limit: number, reasons: string[]): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || Math.abs(value) > limit) reasons.push(`${field}: must be a number from -${limit} to ${limit}`);
  return value;
}

export type RowCheck = { ok: true; input: CreateLeadInput } | { ok: false; reasons: string[] };

/** One data row as a capture's input, or every reason it is not one, each naming its field. */
export function readRow(cells: string[], columns: ColumnIndex): RowCheck {
  const cell = (column: Column) => {
    const index = columns[column];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const reasons: string[] = [];
  const name = cell('name');
  if (name === '') reasons.push('name: is required');
  else if (name.length > 200) reasons.push('name: is longer than 200 characters');
  const category = cell('category').toLowerCase();
  if (!isCategory(category)) reasons.push(`category: must be one of ${PLACE_CATEGORIES.join(', ')}`);
  const address = cell('address');
  if (address.length > 500) reasons.push('address: is longer than 500 characters');
  const phone = cell('phone');
  if (phone.length > 32) reasons.push('phone: is longer than 32 characters');
  const lat = coordinate(cell('lat'), 'lat', 90, reasons);
  const lng = coordinate(cell('lng'), 'lng', 180, reasons);
  if (reasons.length > 0 || !isCategory(category)) return { ok: false, reasons };
  return { ok: true, input: { name, category, address, phone: phone === '' ? null : phone, lat, lng } };
}
