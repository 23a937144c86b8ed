import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createLogger,
  deleteNatsStream,
  dropMysqlDatabase,
  type EdgePlugin,
  type Env,
  Host,
  loadConfig,
  type ServiceDefinition,
  StablePlanSqliteDialect,
} from '@fieldops/platform';
import { embeddedEngines, engineAvailable, engineUrls, isolate } from '@fieldops/testing';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';

/** Where a benchmark host keeps its data: fresh for each run, removed afterwards. */
export interface BenchSetup {
  /** e.g. `local: + sqlite`. */
  label: string;
  /** What it made on shared servers, to clean up by hand if a run is killed. */
  resources?: string;
  env: Env;
  cleanup(): Promise<void>;
}

/** SQLite files in a temporary directory, the in-process bus and the in-memory cache. */
export function embeddedSetup(): BenchSetup {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-bench-'));
  return {
    label: 'local: + sqlite',
    env: { DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}`, BUS_URL: 'local:', CACHE_URL: 'memory:' },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * MariaDB databases under a unique prefix and a private JetStream stream; answers why not when NATS or MariaDB
 * does not answer. `services` names the databases to drop afterwards.
 */
export async function distributedSetup(services: string[]): Promise<BenchSetup | string> {
  const missing = [];
  if (!(await engineAvailable('nats'))) missing.push(`NATS at ${engineUrls.nats}`);
  if (!(await engineAvailable('mariadb'))) missing.push(`MariaDB at ${engineUrls.mariadb}`);
  if (missing.length > 0) return `${missing.join(' and ')} did not answer`;
  const prefix = `fob_${randomBytes(4).toString('hex')}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-bench-'));
  // `isolate` only reads the bus and cache URLs; the database half of the engines is ours (the `fob_` prefix).
  const isolated = isolate({ ...embeddedEngines, name: 'mariadb+nats', busUrl: engineUrls.nats });
  return {
    label: 'nats:// + mariadb',
    resources: `stream ${isolated.stream}, databases ${prefix}*`,
    env: { DATA_DIR: dir, DATABASE_URL: `${engineUrls.mariadb}/?databasePrefix=${prefix}`, BUS_URL: isolated.busUrl, CACHE_URL: 'memory:' },
    async cleanup() {
      for (const service of services) await dropMysqlDatabase(engineUrls.mariadb, `${prefix}${service}`);
      if (isolated.stream) await deleteNatsStream(engineUrls.nats, isolated.stream);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchHost {
  host: Host;
  /** `http://127.0.0.1:<port>` when listening. */
  url: string;
  /** Stops the host and removes its data. */
  stop(): Promise<void>;
}

/** A host on 127.0.0.1 (a free port when `listen`), logging nothing; the setup is cleaned up with it. */
export async function startBenchHost(options: {
  setup: BenchSetup;
  services: ServiceDefinition[];
  edge?: EdgePlugin;
  env?: Env;
  listen?: boolean;
}): Promise<BenchHost> {
  const config = loadConfig({ ...options.setup.env, PORT: '1', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...options.env });
  config.port = 0;
  let host: Host;
  try {
    host = await Host.start({
      config,
      services: options.services,
      edge: options.edge,
      log: createLogger('silent'),
      listen: options.listen ?? true,
    });
  } catch (error) {
    await options.setup.cleanup();
    throw error;
  }
  return {
    host,
    url: host.url,
    async stop() {
      try {
        await host.stop();
      } finally {
        await options.setup.cleanup();
      }
    },
  };
}

/**
 * What a raw peer transaction runs on: on SQLite a connection of its own to the service's file at SQLite's own
 * `synchronous = FULL`, its commit flushing the log inline as the engine does by itself (the platform's connection
 * flushes on the thread pool instead: measured on it, the peer would not be the engine's own); on another engine the
 * service's database, `db`.
 */
export function rawPeerDatabase<DB>(setup: BenchSetup, db: Kysely<DB>, service: string): { db: Kysely<DB>; close(): Promise<void> } {
  const url = setup.env.DATABASE_URL ?? '';
  if (!url.startsWith('sqlite:')) return { db, close: async () => undefined };
  const sqlite = new SqliteDatabase(path.join(url.slice('sqlite:'.length), `${service}.db`));
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const peer = new Kysely<DB>({ dialect: new StablePlanSqliteDialect(sqlite) });
  return { db: peer, close: () => peer.destroy() };
}

/** Signs in through the account service's REST API (or a gateway in front of it); answers the access token. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body: unknown = await response.json();
  if (response.status !== 200 || typeof body !== 'object' || body === null || !('accessToken' in body)) {
    throw new Error(`login as ${email} at ${url} failed: ${response.status} ${JSON.stringify(body)}`);
  }
  const { accessToken } = body;
  if (typeof accessToken !== 'string') throw new Error(`login at ${url} answered no access token`);
  return accessToken;
}

/** Runs every step even when one fails (closing what a run opened), then throws the first failure. */
export async function runAll(steps: (() => Promise<unknown>)[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}
