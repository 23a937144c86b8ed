import type { CountryCode, CountryDefinition, CountryOverrides, CountryPolicy } from './country-policy';
import { loadCountryOverrides } from './overrides';
import { COUNTRY_CODES, COUNTRY_PACKS } from './packs';
import { buildCountryPolicy } from './shared/build-policy';

export const COUNTRY_OVERRIDES_ENV = 'COUNTRY_OVERRIDES_FILE';

const DEFINITIONS: ReadonlyMap<CountryCode, CountryDefinition> = new Map(COUNTRY_PACKS.map((pack) => [pack.identity.code, pack]));

export class UnknownCountryError extends Error {
  override readonly name = 'UnknownCountryError';
  constructor(readonly code: string) {
    super(`Unknown country code "${code}"; supported: ${COUNTRY_CODES.join(', ')} (ISO 3166-1 alpha-2, upper case)`);
  }
}

export interface CountryRegistry {
  get(code: string): CountryPolicy;
  supported(): CountryCode[];
  isSupported(code: string): code is CountryCode;
}

export interface CountryRegistryOptions {
  overrides?: CountryOverrides;
}

export function isSupportedCountry(code: string): code is CountryCode {
  return DEFINITIONS.has(code);
}

export function createCountryRegistry(options: CountryRegistryOptions = {}): CountryRegistry {
  const overrides = options.overrides ?? {};
  for (const code of Object.keys(overrides)) {
    // An override for a country we do not serve is almost always a typo ('UK', 'cn'); fail loudly.
    if (!isSupportedCountry(code)) throw new UnknownCountryError(code);
  }
  // Built eagerly so a bad override fails at startup rather than on the first request for that country.
  const policies = new Map<CountryCode, CountryPolicy>(
    COUNTRY_PACKS.map((pack) => [pack.identity.code, buildCountryPolicy(pack, overrides[pack.identity.code])]),
  );
  return {
    get(code) {
      const policy = isSupportedCountry(code) ? policies.get(code) : undefined;
      if (policy === undefined) throw new UnknownCountryError(code);
      return policy;
    },
    supported: () => [...COUNTRY_CODES],
    isSupported: isSupportedCountry,
  };
}

let defaultRegistry: CountryRegistry | undefined;

/** Process-wide registry; merges the JSON file named by COUNTRY_OVERRIDES_FILE when that is set. */
export function getDefaultCountryRegistry(): CountryRegistry {
  if (defaultRegistry === undefined) {
    const file = process.env[COUNTRY_OVERRIDES_ENV];
    defaultRegistry = createCountryRegistry(file ? { overrides: loadCountryOverrides(file) } : {});
  }
  return defaultRegistry;
}

/** Drops the cached default registry so the next call re-reads the environment (tests, config reload). */
export function resetDefaultCountryRegistry(): void {
  defaultRegistry = undefined;
}

export function getCountryPolicy(code: string): CountryPolicy {
  return getDefaultCountryRegistry().get(code);
}

export function supportedCountries(): CountryCode[] {
  return [...COUNTRY_CODES];
}
