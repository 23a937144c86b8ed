import { readFileSync } from 'node:fs';
import type { BusinessDefaults, CountryOverride, CountryOverrides, WorkingCalendar } from './country-policy';
import { InvalidCountryConfigError } from './shared/build-policy';

type FieldCheck = (value: unknown) => string | null;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const number: FieldCheck = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number');
const stringArray: FieldCheck = (v) =>
  Array.isArray(v) && v.every((item) => typeof item === 'string') ? null : 'must be an array of strings';
const numberRecord: FieldCheck = (v) =>
  isRecord(v) && Object.values(v).every((item) => typeof item === 'number') ? null : 'must be an object of numbers';
const numberArray: FieldCheck = (v) =>
  Array.isArray(v) && v.every((item) => typeof item === 'number') ? null : 'must be an array of numbers';

// Keyed by every overridable field so a typo in the config file is an error, not a silent no-op.
const FIELD_CHECKS: Record<keyof BusinessDefaults | keyof WorkingCalendar, FieldCheck> = {
  checkinRadiusMeters: number,
  checkinOutOfRange: (v) => (v === 'reject' || v === 'flag' ? null : "must be 'reject' or 'flag'"),
  visitReviewThreshold: number,
  travelSpeedKmh: number,
  leadProtectionDays: number,
  leadProtectionMaxDays: number,
  leadRecycleWarningDays: number,
  leadReclaimCooldownDays: number,
  leadClaimLimit: number,
  leadClaimLimitByRole: numberRecord,
  requiredOnboardingDocuments: stringArray,
  merchantRetentionDays: number,
  workingHours: (v) =>
    isRecord(v) && typeof v.start === 'string' && typeof v.end === 'string' && Object.keys(v).length === 2
      ? null
      : 'must be { "start": "HH:MM", "end": "HH:MM" }',
  weekend: numberArray,
  holidays: stringArray,
  makeupWorkdays: stringArray,
};

const isKnownField = (key: string): key is keyof typeof FIELD_CHECKS => Object.hasOwn(FIELD_CHECKS, key);

/**
 * Checks the shape `{ "<CC>": { "<field>": value } }`. Value ranges and cross-field rules are
 * checked later, when the overrides are merged into a policy.
 */
export function parseCountryOverrides(json: unknown, source = 'overrides'): CountryOverrides {
  if (!isRecord(json)) throw new InvalidCountryConfigError(`${source}: expected an object keyed by country code`);
  const problems: string[] = [];
  const result: CountryOverrides = {};
  for (const [country, fields] of Object.entries(json)) {
    if (!isRecord(fields)) {
      problems.push(`${country}: expected an object of overrides`);
      continue;
    }
    for (const [field, value] of Object.entries(fields)) {
      if (!isKnownField(field)) {
        problems.push(`${country}.${field}: unknown field`);
        continue;
      }
      const problem = FIELD_CHECKS[field](value);
      if (problem !== null) problems.push(`${country}.${field}: ${problem}`);
    }
    // Every field was checked above, so the record now has the override's shape.
    result[country] = fields as CountryOverride;
  }
  if (problems.length > 0) throw new InvalidCountryConfigError(`${source}: ${problems.join('; ')}`);
  return result;
}

/** Reads a JSON overrides file such as config/countries.json. Synchronous because it runs once at startup. */
export function loadCountryOverrides(filePath: string): CountryOverrides {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (cause) {
    throw new InvalidCountryConfigError(`Cannot read country overrides file ${filePath}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidCountryConfigError(`Country overrides file ${filePath} is not valid JSON`, { cause });
  }
  return parseCountryOverrides(json, filePath);
}
