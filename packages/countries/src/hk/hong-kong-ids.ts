import type { BusinessIdResult } from '../country-policy';

/**
 * Business Registration number: the certificate's first 8 digits (the business's own number), optionally followed by
 * the branch, expiry and check parts as printed ("12345678-000-07-25-A"); only the 8 digits are kept.
 */
export function validateBusinessRegistration(id: string): BusinessIdResult {
  const compact = id.replace(/\s/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'empty' };
  const match = /^(\d{8})(-\d{3}-\d{2}-\d{2}-[0-9A-Z])?$/.exec(compact);
  if (!match?.[1]) return /^\d+$/.test(compact) ? { ok: false, reason: 'bad_length' } : { ok: false, reason: 'bad_format' };
  return { ok: true, normalized: match[1] };
}

const letterValue = (char: string) => char.charCodeAt(0) - 55; // A = 10 … Z = 35

/** HKID check character for a prefix of one or two letters and six digits ('A123456' → '3'). */
export function hkidCheckCharacter(body: string): string {
  // A one-letter prefix counts as two, the first a space worth 36.
  const values = [...(body.length === 7 ? [36] : []), ...Array.from(body, (c) => (/\d/.test(c) ? Number(c) : letterValue(c)))];
  let sum = 0;
  values.forEach((value, i) => {
    sum += value * (9 - i);
  });
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

/** Hong Kong Identity Card number: 'A123456(3)', with or without the brackets. */
export function validateHkid(id: string): BusinessIdResult {
  const compact = id.replace(/[\s()]/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'empty' };
  const match = /^([A-Z]{1,2}\d{6})([\dA])$/.exec(compact);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'bad_format' };
  if (hkidCheckCharacter(match[1]) !== match[2]) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, normalized: `${match[1]}(${match[2]})` };
}
