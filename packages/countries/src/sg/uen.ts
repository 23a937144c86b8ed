import type { BusinessIdResult } from '../country-policy';

// ACRA publishes the UEN shapes but not the check-letter algorithm, so only the shape is checked.
const UEN_FORMATS: ReadonlyArray<{ pattern: RegExp; kind: string }> = [
  // Businesses (sole proprietorships, partnerships): 8 digits + check letter, e.g. 53312345D.
  { pattern: /^\d{8}[A-Z]$/, kind: 'business' },
  // Local companies: year of registration + 5 digits + check letter, e.g. 201912345K.
  { pattern: /^(18|19|20)\d{2}\d{5}[A-Z]$/, kind: 'local_company' },
  // Other entities: T/S/R (20xx/19xx/18xx) + yy + 2-letter entity type + 4 digits + check letter, e.g. T08LL1234A.
  { pattern: /^[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]$/, kind: 'other_entity' },
];

export function uenKind(normalized: string): string | null {
  return UEN_FORMATS.find((format) => format.pattern.test(normalized))?.kind ?? null;
}

/** Unique Entity Number. */
export function validateUen(id: string): BusinessIdResult {
  const normalized = id.replace(/\s/g, '').toUpperCase();
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (normalized.length !== 9 && normalized.length !== 10) return { ok: false, reason: 'bad_length' };
  if (uenKind(normalized) === null) return { ok: false, reason: 'bad_format' };
  return { ok: true, normalized };
}
