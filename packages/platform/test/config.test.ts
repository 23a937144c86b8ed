import { describe, expect, it } from 'vitest';
import { ConfigError, createEventBus, databaseReplicaUrlsFor, databaseUrlFor, loadConfig, pubSubUrlFromConfig } from '../src/index';

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
    ['DEMO_COUNTRIES', 'SG,XX'],
  ])('names %s when it is %s', (setting, value) => {
    const attempt = () => loadConfig({ [setting]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${setting}: `));
  });

  it('takes a NATS cluster as comma-separated servers, and names BUS_URL for a bad one or a bad replica count', async () => {
    const cluster = 'nats://127.0.0.1:4301,nats://127.0.0.1:4302,nats://127.0.0.1:4303?stream=X&replicas=3';
    expect(loadConfig({ BUS_URL: cluster }).busUrl).toBe(cluster);
    expect(() => loadConfig({ BUS_URL: 'nats://127.0.0.1:4301,kafka://broker' })).toThrow(/^BUS_URL: /);
    await expect(createEventBus('nats://127.0.0.1:4301,nats://127.0.0.1:4302?replicas=7')).rejects.toThrow(/^BUS_URL: replicas=7/);
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

  it('reads a cache migration like the file one: memcached to Redis, both settings or neither', () => {
    const config = loadConfig({
      CACHE_URL: 'memcached://cache:11211',
      CACHE_MIGRATION_TARGET_URL: 'redis://redis:6379',
      CACHE_MIGRATION_PHASE: 'dual-write-read-new',
    });
    expect(config.cacheUrl).toBe('memcached://cache:11211');
    expect(config.cacheMigration).toEqual({ targetUrl: 'redis://redis:6379', phase: 'dual-write-read-new' });
    expect(loadConfig({}).cacheMigration).toBeUndefined();
    expect(() => loadConfig({ CACHE_MIGRATION_TARGET_URL: 'redis://r' })).toThrow(/^CACHE_MIGRATION_PHASE: /);
    expect(() => loadConfig({ CACHE_MIGRATION_PHASE: 'single-new' })).toThrow(/^CACHE_MIGRATION_TARGET_URL: /);
    expect(() => loadConfig({ CACHE_MIGRATION_TARGET_URL: 'redis://r', CACHE_MIGRATION_PHASE: 'read-new' })).toThrow(
      /^CACHE_MIGRATION_PHASE: "read-new" is not one of/,
    );
    expect(() => loadConfig({ CACHE_MIGRATION_TARGET_URL: 'couchbase://x', CACHE_MIGRATION_PHASE: 'single-new' })).toThrow(
      /^CACHE_MIGRATION_TARGET_URL: /,
    );
  });

  it('carries pub/sub on the Redis side of a cache move, in-process on memcached alone', () => {
    const on = (env: Record<string, string>) => pubSubUrlFromConfig(loadConfig(env));
    expect(on({ CACHE_URL: 'memcached://cache:11211' })).toBe('memory:');
    expect(on({ CACHE_URL: 'memcached://c', CACHE_MIGRATION_TARGET_URL: 'redis://r:6379', CACHE_MIGRATION_PHASE: 'single-new' })).toBe(
      'redis://r:6379',
    );
    expect(on({ CACHE_URL: 'redis://r:6379?keyPrefix=a:' })).toBe('redis://r:6379?keyPrefix=a:');
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

  it('reads read replicas per service, several to a setting, and none for SQLite', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://root@primary:3306',
      DATABASE_REPLICA_URL: 'mysql://root@replica1:3306, mysql://root@replica2:3306',
      LEADS_DATABASE_REPLICA_URL: 'mariadb://root@leads-replica:3306',
      CHECKIN_DATABASE_URL: 'sqlite:/var/lib/fieldops',
    });
    expect(databaseReplicaUrlsFor(config, 'merchant')).toEqual(['mysql://root@replica1:3306', 'mysql://root@replica2:3306']);
    expect(databaseReplicaUrlsFor(config, 'leads')).toEqual(['mariadb://root@leads-replica:3306']);
    expect(databaseReplicaUrlsFor(config, 'checkin')).toEqual([]);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'sqlite:replica' })).toThrow(/DATABASE_REPLICA_URL: unsupported scheme/);
    expect(() => loadConfig({ TICKETS_DATABASE_REPLICA_URL: 'replica' })).toThrow(/TICKETS_DATABASE_REPLICA_URL/);
  });

  it('relays the outbox by polling unless told binlog, and rejects another mode', () => {
    expect(loadConfig({}).outboxRelay).toBe('poll');
    expect(loadConfig({ OUTBOX_RELAY: 'binlog' }).outboxRelay).toBe('binlog');
    expect(() => loadConfig({ OUTBOX_RELAY: 'canal' })).toThrow(/OUTBOX_RELAY: "canal" is not one of poll, binlog/);
  });

  it('reads the URLs of services that run elsewhere', () => {
    const config = loadConfig({ SERVICE_ACCOUNT_URL: 'http://account:3000/' });
    expect(config.serviceUrls).toEqual({ account: 'http://account:3000' });
  });
});
