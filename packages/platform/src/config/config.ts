import { randomBytes } from 'node:crypto';
import path from 'node:path';
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

export interface PlatformConfig {
  /** Directory for embedded data (SQLite files, local files). */
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** Default database URL; a service may override it with `<SERVICE>_DATABASE_URL`. */
  databaseUrl: string;
  databaseReplicaUrl: string | undefined;
  busUrl: string;
  cacheUrl: string;
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
  CACHE_URL: ['memory:', 'redis:', 'rediss:'],
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
    if (schemes) parseUrlSetting(name, value, schemes);
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
    busUrl: setting('BUS_URL', 'local:'),
    cacheUrl: setting('CACHE_URL', 'memory:'),
    filesUrl: setting('FILES_URL', `file:${path.join(dataDir, 'files')}`),
    filesMigration: filesMigration(env),
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

/** Both migration settings or neither: a phase without a target (or the reverse) is a mistake, not a default. */
function filesMigration(env: Env): PlatformConfig['filesMigration'] {
  const targetUrl = env.FILES_MIGRATION_TARGET_URL || undefined;
  const phase = env.FILES_MIGRATION_PHASE || undefined;
  if (targetUrl === undefined && phase === undefined) return undefined;
  if (phase === undefined) {
    throw new ConfigError(
      'FILES_MIGRATION_PHASE',
      `is required with FILES_MIGRATION_TARGET_URL; one of ${FILES_MIGRATION_PHASES.join(', ')}`,
    );
  }
  const known = FILES_MIGRATION_PHASES.find((p) => p === phase);
  if (!known) throw new ConfigError('FILES_MIGRATION_PHASE', `"${phase}" is not one of ${FILES_MIGRATION_PHASES.join(', ')}`);
  if (targetUrl === undefined) throw new ConfigError('FILES_MIGRATION_TARGET_URL', 'is required with FILES_MIGRATION_PHASE');
  parseUrlSetting('FILES_MIGRATION_TARGET_URL', targetUrl, DRIVER_SCHEMES.FILES_MIGRATION_TARGET_URL ?? []);
  return { targetUrl, phase: known };
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
