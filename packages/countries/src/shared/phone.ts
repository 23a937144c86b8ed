// The 'max' metadata validates the actual number ranges; the default 'min' build only checks length,
// which would accept numbers that cannot exist and pollute merchant contact data.
import { type CountryCode as PhoneCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode, PhoneParseResult } from '../country-policy';

// Anything longer is not a phone number; bounding it keeps the parser's work predictable.
const MAX_INPUT_LENGTH = 64;
const VISIBLE_TAIL = 4;

export interface PhoneRules {
  parsePhone(input: string): PhoneParseResult;
  normalizePhone(input: string): string | null;
  maskPhone(e164: string): string;
}

export function createPhoneRules(country: CountryCode): PhoneRules {
  const parsePhone = (input: string): PhoneParseResult => {
    const text = input.trim();
    if (text === '') return { ok: false, reason: 'empty' };
    if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'too_long' };
    // Every pack's code is an ISO 3166-1 alpha-2 code, which is what libphonenumber names its regions by.
    const parsed = parsePhoneNumberFromString(text, country as PhoneCountry);
    if (parsed === undefined) return { ok: false, reason: 'not_a_phone_number' };
    if (!parsed.isValid()) return { ok: false, reason: 'invalid_number' };
    // A valid foreign number is still wrong data for a merchant registered in this country.
    if (parsed.country !== country) return { ok: false, reason: 'country_mismatch' };
    return { ok: true, e164: parsed.number, national: parsed.formatNational() };
  };

  return {
    parsePhone,
    normalizePhone: (input) => {
      const result = parsePhone(input);
      return result.ok ? result.e164 : null;
    },
    maskPhone,
  };
}

export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164.trim());
  if (parsed !== undefined) {
    return `+${parsed.countryCallingCode}${maskDigits(parsed.nationalNumber)}`;
  }
  // Unknown shape: we cannot tell the calling code apart, so reveal nothing but the tail.
  return maskDigits(e164.replace(/\D/g, ''));
}

function maskDigits(digits: string): string {
  if (digits.length <= VISIBLE_TAIL) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - VISIBLE_TAIL) + digits.slice(-VISIBLE_TAIL);
}
