import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createFlags,
  DEFAULT_FLAGS_FILE,
  flagEnvName,
  getCountryPolicy,
  InvalidFlagFileError,
  loadFlagFile,
  parseFlagFile,
  supportedCountries,
} from '../src/index';

const fixture = fileURLToPath(new URL('./fixtures/flags.json', import.meta.url));

describe('flag env variable names', () => {
  it('maps keys to upper snake case with a double-underscore country suffix', () => {
    expect(flagEnvName('checkin.rejectOutOfRange')).toBe('FLAG_CHECKIN_REJECT_OUT_OF_RANGE');
    expect(flagEnvName('files.storagePhase', 'cn')).toBe('FLAG_FILES_STORAGE_PHASE__CN');
    expect(flagEnvName('search.engine')).toBe('FLAG_SEARCH_ENGINE');
  });
});

describe('country file flag provider', () => {
  it('returns the per-country value when the context country has one', async () => {
    const flags = await createFlags({ file: fixture, env: {} });
    expect(await flags.getBoolean('checkin.rejectOutOfRange', 'CN', false)).toBe(true);
    expect(await flags.getString('search.engine', 'ID', 'none')).toBe('opensearch');
    expect(await flags.getNumber('leads.maxBatch', 'CN', 0)).toBe(200);
  });

  it('falls back to the file default for other or missing countries', async () => {
    const flags = await createFlags({ file: fixture, env: {} });
    expect(await flags.getBoolean('checkin.rejectOutOfRange', 'SG', true)).toBe(false);
    expect(await flags.getString('search.engine', undefined, 'none')).toBe('postgres');
    expect(await flags.getNumber('leads.maxBatch', 'BR', 0)).toBe(50);
  });

  it('treats the context country case-insensitively', async () => {
    const flags = await createFlags({ file: fixture, env: {} });
    expect(await flags.getBoolean('checkin.rejectOutOfRange', 'br', false)).toBe(true);
  });

  it('lets a global env override win over the file, including per-country file values', async () => {
    const flags = await createFlags({ file: fixture, env: { FLAG_CHECKIN_REJECT_OUT_OF_RANGE: 'false' } });
    expect(await flags.getBoolean('checkin.rejectOutOfRange', 'CN', true)).toBe(false);
    expect(await flags.getBoolean('checkin.rejectOutOfRange', 'SG', true)).toBe(false);
  });

  it('lets a per-country env override win over the global one for that country only', async () => {
    const flags = await createFlags({
      file: fixture,
      env: { FLAG_SEARCH_ENGINE: 'meilisearch', FLAG_SEARCH_ENGINE__SG: 'opensearch', FLAG_LEADS_MAX_BATCH__ID: '75' },
    });
    expect(await flags.getString('search.engine', 'SG', 'none')).toBe('opensearch');
    expect(await flags.getString('search.engine', 'CN', 'none')).toBe('meilisearch');
    expect(await flags.getNumber('leads.maxBatch', 'ID', 0)).toBe(75);
    const details = await flags.client.getStringDetails('search.engine', 'none', { country: 'SG' });
    expect(details).toMatchObject({ reason: 'TARGETING_MATCH', variant: 'env:SG' });
  });

  it('returns the caller fallback for unknown flags, wrong types and unparseable env values', async () => {
    const flags = await createFlags({ file: fixture, env: { FLAG_LEADS_MAX_BATCH: 'lots' } });
    expect(await flags.getBoolean('no.such.flag', 'CN', true)).toBe(true);
    expect(await flags.getNumber('search.engine', 'CN', 7)).toBe(7);
    expect(await flags.getNumber('leads.maxBatch', 'CN', 3)).toBe(3);
    const errorCode = async (details: Promise<{ errorCode?: string }>) => (await details).errorCode;
    expect(await errorCode(flags.client.getBooleanDetails('no.such.flag', false, { country: 'CN' }))).toBe('FLAG_NOT_FOUND');
    expect(await errorCode(flags.client.getNumberDetails('search.engine', 7, { country: 'CN' }))).toBe('TYPE_MISMATCH');
    expect(await errorCode(flags.client.getNumberDetails('leads.maxBatch', 3, { country: 'CN' }))).toBe('PARSE_ERROR');
  });

  it('keeps instances isolated in their own OpenFeature domains', async () => {
    const a = await createFlags({ file: fixture, env: { FLAG_SEARCH_ENGINE: 'a' } });
    const b = await createFlags({ file: fixture, env: {} });
    expect(a.domain).not.toBe(b.domain);
    expect(await a.getString('search.engine', 'CN', 'none')).toBe('a');
    expect(await b.getString('search.engine', 'CN', 'none')).toBe('postgres');
  });

  it('rejects a flag file whose country value has a different type than the default', () => {
    expect(() => parseFlagFile({ flags: { x: { default: true, countries: { CN: 'yes' } } } })).toThrow(InvalidFlagFileError);
    expect(() => parseFlagFile({ flags: { x: { default: 1, countries: { cn: 2 } } } })).toThrow(/not an upper-case/);
    expect(() => parseFlagFile({ flag: {} })).toThrow(InvalidFlagFileError);
  });
});

describe('shipped flags.json', () => {
  it('defines the required flags with the expected defaults', async () => {
    const flags = await createFlags({ env: {} });
    expect(await flags.getString('files.storagePhase', 'CN', 'none')).toBe('single-old');
    expect(typeof (await flags.getString('search.engine', 'CN', ''))).toBe('string');
    expect(await flags.getString('search.engine', 'CN', '')).not.toBe('');
    expect(typeof (await flags.getBoolean('leads.publicPool', 'SG', false))).toBe('boolean');
  });

  it('agrees with each policy on whether out-of-range check-ins are rejected', async () => {
    const flags = await createFlags({ env: {} });
    for (const code of supportedCountries()) {
      const rejects = getCountryPolicy(code).checkinOutOfRange === 'reject';
      expect(await flags.getBoolean('checkin.rejectOutOfRange', code, !rejects)).toBe(rejects);
    }
  });

  it('parses cleanly', async () => {
    const file = await loadFlagFile(DEFAULT_FLAGS_FILE);
    expect(Object.keys(file.flags)).toEqual(
      expect.arrayContaining(['checkin.rejectOutOfRange', 'leads.publicPool', 'files.storagePhase', 'search.engine']),
    );
  });
});
