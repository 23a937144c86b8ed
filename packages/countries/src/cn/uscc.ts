import type { BusinessIdResult } from '../country-policy';

// GB 32100-2015 alphabet: I, O, S, V and Z are excluded to avoid confusion with digits.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MODULUS = 31;
const LENGTH = 18;

/** Expected 18th character for the first 17 characters; weights are 3^i mod 31. */
export function usccCheckCharacter(body: string): string | null {
  let sum = 0;
  let weight = 1;
  for (const char of body) {
    const value = CHARSET.indexOf(char);
    if (value < 0) return null;
    sum += value * weight;
    weight = (weight * 3) % MODULUS;
  }
  return CHARSET.charAt((MODULUS - (sum % MODULUS)) % MODULUS);
}

/** Unified Social Credit Code (统一社会信用代码). */
export function validateUscc(id: string): BusinessIdResult {
  const normalized = id.replace(/[\s-]/g, '').toUpperCase();
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (normalized.length !== LENGTH) return { ok: false, reason: 'bad_length' };
  for (const char of normalized) {
    if (!CHARSET.includes(char)) return { ok: false, reason: 'bad_charset' };
  }
  // Characters 3-8 are the administrative division code, always numeric.
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) return { ok: false, reason: 'bad_format' };
  const expected = usccCheckCharacter(normalized.slice(0, LENGTH - 1));
  if (expected !== normalized.charAt(LENGTH - 1)) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, normalized };
}
