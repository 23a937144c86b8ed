import type { BusinessIdResult } from '../country-policy';

const FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

// Receita Federal issues alphanumeric CNPJs from July 2026 (IN RFB 2.229/2024): the 12-character
// base may contain letters, the two check digits stay numeric, and each character weighs its ASCII
// code minus 48, which leaves the classic all-digit computation unchanged.
const SHAPE = /^[0-9A-Z]{12}\d{2}$/;

function checkDigit(base: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += (base.charCodeAt(i) - 48) * weight;
  });
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

export function cnpjCheckDigits(base12: string): string {
  const first = checkDigit(base12, FIRST_WEIGHTS);
  const second = checkDigit(`${base12}${first}`, SECOND_WEIGHTS);
  return `${first}${second}`;
}

/** CNPJ, plain ("11222333000181") or formatted ("11.222.333/0001-81"). */
export function validateCnpj(id: string): BusinessIdResult {
  const normalized = id.replace(/[.\-/\s]/g, '').toUpperCase();
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (normalized.length !== 14) return { ok: false, reason: 'bad_length' };
  if (!SHAPE.test(normalized)) return { ok: false, reason: 'bad_charset' };
  // Repeated digits pass the checksum but are never issued; they are the classic fake input.
  if (/^(\d)\1{13}$/.test(normalized)) return { ok: false, reason: 'bad_format' };
  if (cnpjCheckDigits(normalized.slice(0, 12)) !== normalized.slice(12)) {
    return { ok: false, reason: 'bad_check_digit' };
  }
  return { ok: true, normalized };
}
