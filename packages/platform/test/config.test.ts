import { describe, expect, it } from 'vitest';
import { ConfigError, databaseUrlFor, loadConfig } from '../src/index';

describe('configuration from the environment', () => {
  it('means embedded mode when nothing is set', () => {
    const config = loadConfig({});
    expect(config.busUrl).toBe('local:');
    expect(config.cacheUrl).toBe('memory:');
    expect(config.databaseUrl).toMatch(/^sqlite:/);
    expect(config.port).toBe(3000);
  });

  it.each([
    ['BUS_URL', 'kafka://broker'],
    ['CACHE_URL', 'memcache://x'],
    ['DATABASE_URL', 'postgres://db'],
    ['DATABASE_URL', 'not a url'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['SERVICE_ACCOUNT_URL', 'grpc://account'],
    ['LEADS_DATABASE_URL', 'oracle://x'],
    ['FILES_URL', 'ftp://files'],
    ['FILES_DOWNLOAD_ORIGIN', 'files.example.com'],
    ['FILES_DOWNLOAD_ORIGIN', 'https://files.example.com/downloads'],
  ])('names %s when it is %s', (setting, value) => {
    const attempt = () => loadConfig({ [setting]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${setting}: `));
  });

  it('reads a file storage migration only as a target URL and a known phase together, naming the missing setting', () => {
    const config = loadConfig({
      FILES_MIGRATION_TARGET_URL: 's3://files?endpoint=http://rgw:7480',
      FILES_MIGRATION_PHASE: 'dual-write-read-old',
    });
    expect(config.filesMigration).toEqual({ targetUrl: 's3://files?endpoint=http://rgw:7480', phase: 'dual-write-read-old' });
    expect(loadConfig({}).filesMigration).toBeUndefined();
    expect(() => loadConfig({ FILES_MIGRATION_TARGET_URL: 's3://files' })).toThrow(/^FILES_MIGRATION_PHASE: /);
    expect(() => loadConfig({ FILES_MIGRATION_PHASE: 'single-new' })).toThrow(/^FILES_MIGRATION_TARGET_URL: /);
    expect(() => loadConfig({ FILES_MIGRATION_TARGET_URL: 's3://files', FILES_MIGRATION_PHASE: 'read-new' })).toThrow(
      /^FILES_MIGRATION_PHASE: "read-new" is not one of/,
    );
    expect(() => loadConfig({ FILES_MIGRATION_TARGET_URL: 'ftp://x', FILES_MIGRATION_PHASE: 'single-new' })).toThrow(
      /^FILES_MIGRATION_TARGET_URL: /,
    );
  });

  it('reads the download origin as an origin', () => {
    expect(loadConfig({}).filesDownloadOrigin).toBeUndefined();
    expect(loadConfig({ FILES_DOWNLOAD_ORIGIN: 'https://files.example.com/' }).filesDownloadOrigin).toBe('https://files.example.com');
  });

  it('lets a service have its own database URL', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://root@db:3306', LEADS_DATABASE_URL: 'mysql://root@leads-db:3306' });
    expect(databaseUrlFor(config, 'leads')).toBe('mysql://root@leads-db:3306');
    expect(databaseUrlFor(config, 'account')).toBe('mysql://root@db:3306');
  });

  it('reads the URLs of services that run elsewhere', () => {
    const config = loadConfig({ SERVICE_ACCOUNT_URL: 'http://account:3000/' });
    expect(config.serviceUrls).toEqual({ account: 'http://account:3000' });
  });
});
