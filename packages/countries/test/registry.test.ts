import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  COUNTRY_OVERRIDES_ENV,
  createCountryRegistry,
  getCountryPolicy,
  InvalidCountryConfigError,
  isSupportedCountry,
  loadCountryOverrides,
  resetDefaultCountryRegistry,
  supportedCountries,
  UnknownCountryError,
} from '../src/index';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function writeJson(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'countries-')), 'countries.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('country registry', () => {
  it('lists the supported countries', () => {
    // One per pack folder, in alphabetical order.
    expect(supportedCountries()).toEqual(expect.arrayContaining(['BR', 'CN', 'ID', 'SG']));
    expect(supportedCountries()).toEqual([...supportedCountries()].sort());
    expect(isSupportedCountry('BR')).toBe(true);
    expect(isSupportedCountry('br')).toBe(false);
    expect(isSupportedCountry('toString')).toBe(false);
  });

  it('throws UnknownCountryError for an unknown code', () => {
    expect(() => getCountryPolicy('XX')).toThrow(UnknownCountryError);
    expect(() => getCountryPolicy('XX')).toThrow(/Unknown country code "XX"; supported: BR, CN, /);
  });

  it('exposes identity data per country', () => {
    expect(getCountryPolicy('CN')).toMatchObject({
      currency: 'CNY',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      coordinateSystem: 'GCJ02',
    });
    expect(getCountryPolicy('SG')).toMatchObject({ currency: 'SGD', locale: 'en-SG', coordinateSystem: 'WGS84' });
    expect(getCountryPolicy('ID')).toMatchObject({ currency: 'IDR', locale: 'id-ID', coordinateSystem: 'WGS84' });
    expect(getCountryPolicy('BR')).toMatchObject({ currency: 'BRL', locale: 'pt-BR', coordinateSystem: 'WGS84' });
  });

  it('returns frozen policies so shared defaults cannot be mutated', () => {
    const cn = getCountryPolicy('CN');
    expect(Object.isFrozen(cn)).toBe(true);
    expect(Object.isFrozen(cn.requiredOnboardingDocuments)).toBe(true);
  });
});

describe('business default overrides', () => {
  it('a JSON overrides file changes leadClaimLimit for that country only', () => {
    const base = createCountryRegistry();
    const registry = createCountryRegistry({ overrides: loadCountryOverrides(fixture('countries.json')) });
    expect(registry.get('SG').leadClaimLimit).toBe(80);
    expect(base.get('SG').leadClaimLimit).toBe(100);
    for (const code of ['CN', 'ID', 'BR'] as const) {
      expect(registry.get(code).leadClaimLimit).toBe(base.get(code).leadClaimLimit);
    }
    expect(registry.get('SG').checkinRadiusMeters).toBe(base.get('SG').checkinRadiusMeters);
  });

  it('the default registry reads the file named by COUNTRY_OVERRIDES_FILE', () => {
    process.env[COUNTRY_OVERRIDES_ENV] = fixture('countries.json');
    resetDefaultCountryRegistry();
    try {
      expect(getCountryPolicy('SG').leadClaimLimit).toBe(80);
      expect(getCountryPolicy('CN').leadClaimLimit).toBe(200);
    } finally {
      delete process.env[COUNTRY_OVERRIDES_ENV];
      resetDefaultCountryRegistry();
    }
    expect(getCountryPolicy('SG').leadClaimLimit).toBe(100);
  });

  it('can override the holiday list, e.g. once an official calendar is published', () => {
    const registry = createCountryRegistry({ overrides: { BR: { holidays: ['2026-03-02'] } } });
    expect(registry.get('BR').isWorkingTime(Date.parse('2026-03-02T10:00:00-03:00'))).toBe(false);
    expect(registry.get('BR').isWorkingTime(Date.parse('2026-02-16T10:00:00-03:00'))).toBe(true);
  });

  it('a JSON overrides file gives roles their own claim limit; other countries keep none', () => {
    const file = writeJson({ SG: { leadClaimLimitByRole: { team_lead: 200 } } });
    const registry = createCountryRegistry({ overrides: loadCountryOverrides(file) });
    expect(registry.get('SG').leadClaimLimitByRole).toEqual({ team_lead: 200 });
    expect(registry.get('SG').leadClaimLimit).toBe(100);
    expect(registry.get('CN').leadClaimLimitByRole).toEqual({});
    expect(() => loadCountryOverrides(writeJson({ SG: { leadClaimLimitByRole: { team_lead: 'many' } } }))).toThrow(
      /SG\.leadClaimLimitByRole: must be an object of numbers/,
    );
    expect(() => createCountryRegistry({ overrides: { SG: { leadClaimLimitByRole: { rep: 0 } } } })).toThrow(
      /leadClaimLimitByRole\.rep must be a positive integer/,
    );
  });

  it('rejects unknown fields and wrong types in the file', () => {
    expect(() => loadCountryOverrides(writeJson({ SG: { leadClaimLimt: 80 } }))).toThrow(/SG\.leadClaimLimt: unknown field/);
    expect(() => loadCountryOverrides(writeJson({ SG: { leadClaimLimit: '80' } }))).toThrow(InvalidCountryConfigError);
    expect(() => loadCountryOverrides(writeJson({ SG: { checkinOutOfRange: 'ignore' } }))).toThrow(InvalidCountryConfigError);
  });

  it('rejects overrides that break cross-field rules', () => {
    expect(() => createCountryRegistry({ overrides: { CN: { leadProtectionDays: 120 } } })).toThrow(
      /leadProtectionDays must not exceed leadProtectionMaxDays/,
    );
    expect(() => createCountryRegistry({ overrides: { ID: { workingHours: { start: '18:00', end: '09:00' } } } })).toThrow(
      InvalidCountryConfigError,
    );
  });

  it('rejects overrides for a country that is not served', () => {
    expect(() => createCountryRegistry({ overrides: { UK: { leadClaimLimit: 10 } } })).toThrow(UnknownCountryError);
  });

  it('reports a missing or malformed file clearly', () => {
    expect(() => loadCountryOverrides('/nonexistent/countries.json')).toThrow(/Cannot read country overrides file/);
    const file = join(mkdtempSync(join(tmpdir(), 'countries-')), 'bad.json');
    writeFileSync(file, '{ not json');
    expect(() => loadCountryOverrides(file)).toThrow(/is not valid JSON/);
  });
});
