import type { BusinessIdResult } from '../country-policy';

// Legacy NPWP printed as 99.999.999.9-999.999.
const FORMATTED_NPWP15 = /^\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}$/;

/**
 * NPWP tax id: the legacy 15-digit form (plain or formatted) or the 16-digit form introduced by
 * PMK 112/2022 (the NIK for individuals, '0' + legacy NPWP for entities). Format only: DJP does not
 * publish the check-digit scheme.
 */
export function validateNpwp(id: string): BusinessIdResult {
  const trimmed = id.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const hasSeparators = /[.\-\s]/.test(trimmed);
  // Separators are accepted only in the official layout; anything else is likely a different number.
  if (hasSeparators && !FORMATTED_NPWP15.test(trimmed) && !/^[\d\s]+$/.test(trimmed)) {
    return { ok: false, reason: 'bad_format' };
  }
  const normalized = trimmed.replace(/[.\-\s]/g, '');
  if (!/^\d+$/.test(normalized)) return { ok: false, reason: 'bad_charset' };
  if (normalized.length !== 15 && normalized.length !== 16) return { ok: false, reason: 'bad_length' };
  return { ok: true, normalized };
}
