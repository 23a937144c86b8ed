import type { BusinessIdResult } from '../country-policy';

const strip = (id: string) => id.replace(/[\s-]/g, '');

/**
 * VAT registration number (ZATCA): 15 digits, first and last 3. The middle ten are the taxpayer's TIN and the
 * branch; ZATCA publishes no check digit for them.
 */
export function validateVatNumber(id: string): BusinessIdResult {
  const normalized = strip(id);
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(normalized)) return { ok: false, reason: 'bad_charset' };
  if (normalized.length !== 15) return { ok: false, reason: 'bad_length' };
  if (!normalized.startsWith('3') || !normalized.endsWith('3')) return { ok: false, reason: 'bad_format' };
  return { ok: true, normalized };
}

/**
 * Commercial Registration number: 10 digits. Older numbers begin with the issuing office (1010… Riyadh, 4030…
 * Jeddah, 2050… Dammam); the unified national number of 2025 begins with 7.
 */
export function validateCommercialRegistration(id: string): BusinessIdResult {
  const normalized = strip(id);
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(normalized)) return { ok: false, reason: 'bad_charset' };
  if (normalized.length !== 10) return { ok: false, reason: 'bad_length' };
  if (!/^[1-57]/.test(normalized)) return { ok: false, reason: 'bad_format' };
  return { ok: true, normalized };
}

/** A merchant is registered by its VAT number (15 digits) or its Commercial Registration (10 digits). */
export function validateSaudiBusinessId(id: string): BusinessIdResult {
  return strip(id).length === 15 ? validateVatNumber(id) : validateCommercialRegistration(id);
}

/**
 * National ID (citizens, starting 1) or Iqama (residents, starting 2): 10 digits, the last a Luhn check digit
 * (digits at odd positions doubled, counting from the first).
 */
export function validateSaudiNationalId(id: string): BusinessIdResult {
  const normalized = strip(id);
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(normalized)) return { ok: false, reason: 'bad_charset' };
  if (normalized.length !== 10) return { ok: false, reason: 'bad_length' };
  if (normalized[0] !== '1' && normalized[0] !== '2') return { ok: false, reason: 'bad_format' };
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(normalized[i]);
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else sum += digit;
  }
  if (sum % 10 !== 0) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, normalized };
}
