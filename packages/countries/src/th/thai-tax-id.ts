import type { BusinessIdResult } from '../country-policy';

/** The 13th digit of a Thai id: (11 − Σ digitᵢ × (13 − i) mod 11) mod 10 over the first twelve. */
export function thaiCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/**
 * A 13-digit Thai id with its check digit: the tax id of a company (starting 0) or the citizen id a person and a
 * sole trader are taxed under; written plain or grouped 0-1055-36092-64-1.
 */
export function validateThaiId(id: string): BusinessIdResult {
  const normalized = id.replace(/[\s-]/g, '');
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(normalized)) return { ok: false, reason: 'bad_charset' };
  if (normalized.length !== 13) return { ok: false, reason: 'bad_length' };
  if (thaiCheckDigit(normalized.slice(0, 12)) !== Number(normalized[12])) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, normalized };
}
