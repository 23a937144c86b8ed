import type { BusinessIdResult } from '../country-policy';

// SAT's alphabet for the RFC check digit (value = position); a company's 12-character RFC is padded with a space.
const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
// RENAPO's alphabet for the CURP check digit.
const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

const RFC_SHAPE = /^([A-ZÑ&]{3,4})(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([A-Z\d]{2})([\dA])$/;
const CURP_SHAPE =
  /^[A-Z][AEIOUX][A-Z]{2}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[HMX](AS|B[CS]|C[CLMSH]|D[FG]|G[TR]|HG|JC|M[CNS]|N[ETL]|OC|PL|Q[TR]|S[PLR]|T[CSL]|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;

/** The RFC's last character for its first eleven (company) or twelve (person) characters. */
export function rfcCheckDigit(body: string): string {
  const padded = body.padStart(12, ' ');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded.charAt(i)) * (13 - i);
  const digit = 11 - (sum % 11);
  return digit === 11 ? '0' : digit === 10 ? 'A' : String(digit);
}

/**
 * Registro Federal de Contribuyentes: a company (persona moral, 3 letters) or a person (persona física, 4
 * letters), the date of incorporation or birth, a two-character homoclave and the check digit.
 */
export function validateRfc(id: string): BusinessIdResult {
  const normalized = id.replace(/[\s-]/g, '').toUpperCase();
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (normalized.length !== 12 && normalized.length !== 13) return { ok: false, reason: 'bad_length' };
  if (!RFC_SHAPE.test(normalized)) return { ok: false, reason: 'bad_format' };
  if (rfcCheckDigit(normalized.slice(0, -1)) !== normalized.slice(-1)) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, normalized };
}

/** The CURP's last digit for its first seventeen characters. */
export function curpCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(body.charAt(i)) * (18 - i);
  return (10 - (sum % 10)) % 10;
}

/** Clave Única de Registro de Población: 18 characters, the last a check digit. */
export function validateCurp(id: string): BusinessIdResult {
  const normalized = id.replace(/\s/g, '').toUpperCase();
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (normalized.length !== 18) return { ok: false, reason: 'bad_length' };
  if (!CURP_SHAPE.test(normalized)) return { ok: false, reason: 'bad_format' };
  if (curpCheckDigit(normalized) !== Number(normalized.charAt(17))) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, normalized };
}
