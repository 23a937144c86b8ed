import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { demoPacks } from '@fieldops/countries';
import { CACHE_MIGRATION_PHASES, type CacheMigrationPhase } from '../cache/migrating-cache';
import { FILES_MIGRATION_PHASES, type FilesMigrationPhase } from '../files/migrating-file-store';

/** A setting that is malformed or whose server cannot be reached; the message names the setting. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export const OUTBOX_RELAY_MODES = ['poll', 'binlog'] as const;
export type OutboxRelayMode = (typeof OUTBOX_RELAY_MODES)[number];

export interface PlatformConfig {
  /** Directory for embedded data (SQLite files, local files). */
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** Default database URL; a service may override it with `<SERVICE>_DATABASE_URL`. */
  databaseUrl: string;
  /** Default read replicas (comma-separated URLs); a service may override them with `<SERVICE>_DATABASE_REPLICA_URL`. */
  databaseReplicaUrl: string | undefined;
  /** How read replicas are checked and waited for (see `ReplicaReads`). */
  replicaReads: { maxLagSeconds: number; waitMs: number; checkMs: number };
  /** How the outbox reaches the bus: `poll` the table, or tail the MySQL/MariaDB `binlog` (falls back to polling). */
  outboxRelay: OutboxRelayMode;
  busUrl: string;
  cacheUrl: string;
  /** Set while the cache moves from `cacheUrl` (old) to another store (see MigratingCache). */
  cacheMigration: { targetUrl: string; phase: CacheMigrationPhase } | undefined;
  filesUrl: string;
  /** Set while files move from `filesUrl` (old) to another store (see MigratingFileStore). */
  filesMigration: { targetUrl: string; phase: FilesMigrationPhase } | undefined;
  /** The search read model's index: `sqlite:<dir>` (embedded) or `http(s)://…` Elasticsearch/OpenSearch. */
  searchUrl: string;
  otlpEndpoint: string | undefined;
  sentryDsn: string | undefined;
  /** Base URLs of services that run in other processes, by service name. */
  serviceUrls: Record<string, string>;
  /** The deadline of an RPC call that names none. */
  rpcTimeoutMs: number;
  /**
   * Which proxies in front of us may tell the client's address (`X-Forwarded-For`): `false` (none), `true` (any),
   * a hop count, or comma-separated addresses/CIDRs. Rate limits key on that address.
   */
  trustProxy: boolean | number | string;
  /**
   * Shared by the processes of one installation so services can prove who they are to the account service
   * (service tokens for consumers and jobs). Made up per process when everything runs in one.
   */
  internalSecret: string | undefined;
  /** The bearer token `/metrics` asks for; without one, only this machine may scrape it. */
  metricsToken: string | undefined;
  /**
   * Where browsers fetch downloaded files from (`https://files.example.com`): another origin than the app's, so
   * a file can never run script where the app keeps its tokens. Unset: the app's own origin.
   */
  filesDownloadOrigin: string | undefined;
  /** Requests per window, per caller; logins have their own, stricter budget. */
  rateLimit: { max: number; windowMs: number; loginMax: number };
  env: Env;
}

const DRIVER_SCHEMES: Record<string, string[]> = {
  DATABASE_URL: ['sqlite:', 'mysql:', 'mariadb:'],
  BUS_URL: ['local:', 'nats:'],
  CACHE_URL: ['memory:', 'redis:', 'rediss:', 'memcached:'],
  CACHE_MIGRATION_TARGET_URL: ['memory:', 'redis:', 'rediss:', 'memcached:'],
  FILES_URL: ['file:', 's3:'],
  FILES_MIGRATION_TARGET_URL: ['file:', 's3:'],
  SEARCH_URL: ['sqlite:', 'http:', 'https:'],
};

export function parseUrlSetting(setting: string, value: string, schemes: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(setting, `"${value}" is not a URL; expected one of ${schemes.join(', ')}`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new ConfigError(setting, `unsupported scheme "${url.protocol}"; expected one of ${schemes.join(', ')}`);
  }
  return url;
}

function positiveInt(env: Env, setting: string, fallback: number): number {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(setting, `"${raw}" is not a positive integer`);
  return value;
}

/** Reads and validates the platform settings. Nothing set means embedded mode. */
export function loadConfig(env: Env = process.env): PlatformConfig {
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const setting = (name: string, fallback: string) => {
    const value = env[name] || fallback;
    const schemes = DRIVER_SCHEMES[name];
    // The bus may list a cluster's servers, comma-separated.
    const parts = name === 'BUS_URL' ? value.split(',') : [value];
    if (schemes) for (const part of parts) parseUrlSetting(name, part.trim(), schemes);
    return value;
  };
  const serviceUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SERVICE_([A-Z0-9_]+)_URL$/.exec(key);
    if (!match?.[1] || !value) continue;
    parseUrlSetting(key, value, ['http:', 'https:']);
    serviceUrls[match[1].toLowerCase()] = value.replace(/\/$/, '');
  }
  for (const [key, value] of Object.entries(env)) {
    if (/^[A-Z0-9]+_DATABASE_URL$/.test(key) && value) parseUrlSetting(key, value, DRIVER_SCHEMES.DATABASE_URL ?? []);
    if (/^([A-Z0-9]+_)?DATABASE_REPLICA_URL$/.test(key) && value) replicaUrls(key, value);
  }
  const demo = demoPacks(env.DEMO_COUNTRIES);
  if (demo.unknown.length > 0) {
    const known = demoPacks('').packs.map((pack) => pack.identity.code);
    throw new ConfigError('DEMO_COUNTRIES', `${demo.unknown.join(', ')} has no demo data; the demo countries are ${known.join(', ')}`);
  }
  const port = positiveInt(env, 'PORT', 3000);
  if (port > 65535) throw new ConfigError('PORT', `${port} is not a TCP port`);
  return {
    dataDir,
    port,
    host: env.HOST || '0.0.0.0',
    logLevel: env.LOG_LEVEL || 'info',
    databaseUrl: setting('DATABASE_URL', `sqlite:${dataDir}`),
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    replicaReads: {
      maxLagSeconds: positiveInt(env, 'DATABASE_REPLICA_MAX_LAG_SECONDS', 10),
      waitMs: positiveInt(env, 'DATABASE_REPLICA_WAIT_MS', 500),
      checkMs: positiveInt(env, 'DATABASE_REPLICA_CHECK_MS', 2000),
    },
    outboxRelay: outboxRelay(env.OUTBOX_RELAY),
    busUrl: setting('BUS_URL', 'local:'),
    cacheUrl: setting('CACHE_URL', 'memory:'),
    filesUrl: setting('FILES_URL', `file:${path.join(dataDir, 'files')}`),
    cacheMigration: migration(env, 'CACHE_MIGRATION', CACHE_MIGRATION_PHASES),
    filesMigration: migration(env, 'FILES_MIGRATION', FILES_MIGRATION_PHASES),
    searchUrl: setting('SEARCH_URL', `sqlite:${path.join(dataDir, 'search')}`),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    sentryDsn: env.SENTRY_DSN || undefined,
    serviceUrls,
    // Generous: a first start seeds the demo data with large batched calls while every service starts at once.
    rpcTimeoutMs: positiveInt(env, 'RPC_TIMEOUT_MS', 15_000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    internalSecret: internalSecret(env, serviceUrls),
    metricsToken: env.METRICS_TOKEN || undefined,
    filesDownloadOrigin: filesDownloadOrigin(env),
    rateLimit: {
      max: positiveInt(env, 'RATE_LIMIT_MAX', 600),
      windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_MS', 60_000),
      loginMax: positiveInt(env, 'RATE_LIMIT_LOGIN_MAX', 20),
    },
    env,
  };
}

/**
 * `<PREFIX>_TARGET_URL` and `<PREFIX>_PHASE` (the file store's or the cache's move): both or neither — a phase
 * without a target (or the reverse) is a mistake, not a default.
 */
function migration<P extends string>(
  env: Env,
  prefix: 'FILES_MIGRATION' | 'CACHE_MIGRATION',
  phases: readonly P[],
): { targetUrl: string; phase: P } | undefined {
  const targetSetting = `${prefix}_TARGET_URL`;
  const phaseSetting = `${prefix}_PHASE`;
  const targetUrl = env[targetSetting] || undefined;
  const phase = env[phaseSetting] || undefined;
  if (targetUrl === undefined && phase === undefined) return undefined;
  if (phase === undefined) throw new ConfigError(phaseSetting, `is required with ${targetSetting}; one of ${phases.join(', ')}`);
  const known = phases.find((p) => p === phase);
  if (!known) throw new ConfigError(phaseSetting, `"${phase}" is not one of ${phases.join(', ')}`);
  if (targetUrl === undefined) throw new ConfigError(targetSetting, `is required with ${phaseSetting}`);
  parseUrlSetting(targetSetting, targetUrl, DRIVER_SCHEMES[targetSetting] ?? []);
  return { targetUrl, phase: known };
}

function outboxRelay(raw: string | undefined): OutboxRelayMode {
  if (raw === undefined || raw === '') return 'poll';
  const mode = OUTBOX_RELAY_MODES.find((m) => m === raw);
  if (!mode) throw new ConfigError('OUTBOX_RELAY', `"${raw}" is not one of ${OUTBOX_RELAY_MODES.join(', ')}`);
  return mode;
}

/** Replicas are MySQL/MariaDB servers only: SQLite has no replicas. */
function replicaUrls(setting: string, value: string): string[] {
  const urls = value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  for (const url of urls) parseUrlSetting(setting, url, ['mysql:', 'mariadb:']);
  return urls;
}

function filesDownloadOrigin(env: Env): string | undefined {
  const value = env.FILES_DOWNLOAD_ORIGIN;
  if (value === undefined || value === '') return undefined;
  const url = parseUrlSetting('FILES_DOWNLOAD_ORIGIN', value, ['http:', 'https:']);
  if (url.origin !== value.replace(/\/$/, ''))
    throw new ConfigError('FILES_DOWNLOAD_ORIGIN', `"${value}" is not an origin (scheme://host[:port])`);
  return url.origin;
}

function internalSecret(env: Env, serviceUrls: Record<string, string>): string | undefined {
  const value = env.INTERNAL_SECRET;
  if (value !== undefined && value !== '') {
    if (value.length < 32) throw new ConfigError('INTERNAL_SECRET', 'must be at least 32 characters');
    return value;
  }
  // With no other process to talk to, a secret of this process's own is enough.
  return Object.keys(serviceUrls).length === 0 ? randomBytes(32).toString('hex') : undefined;
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/** The database URL of one service: `<SERVICE>_DATABASE_URL` wins over `DATABASE_URL`. */
export function databaseUrlFor(config: PlatformConfig, service: string): string {
  return config.env[`${service.toUpperCase()}_DATABASE_URL`] || config.databaseUrl;
}

/** The read replicas of one service: `<SERVICE>_DATABASE_REPLICA_URL` wins over `DATABASE_REPLICA_URL`; none for SQLite. */
export function databaseReplicaUrlsFor(config: PlatformConfig, service: string): string[] {
  if (databaseUrlFor(config, service).startsWith('sqlite:')) return [];
  const own = `${service.toUpperCase()}_DATABASE_REPLICA_URL`;
  const value = config.env[own];
  if (value) return replicaUrls(own, value);
  return config.databaseReplicaUrl ? replicaUrls('DATABASE_REPLICA_URL', config.databaseReplicaUrl) : [];
}
