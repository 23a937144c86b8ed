import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Clock, createLogger, deleteNatsStream, type EdgePlugin, Host, loadConfig, type ServiceDefinition } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import { embeddedEngines, isolate, type TestEngines } from './engines-env';

export interface TestHost {
  host: Host;
  url: string;
  /** Calls the API as JSON; `token` adds the bearer header. */
  api(method: string, route: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  login(email: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A running service's own database, typed by the caller, for checking what it stored (tests only). */
export function serviceDb<DB>(t: TestHost, name: string): Kysely<DB> {
  const service = t.host.service(name);
  if (!service) throw new Error(`the ${name} service is not running`);
  return service.db as unknown as Kysely<DB>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field and asserted on.
  body: any;
}

/**
 * Starts services in this process on real engines, listening on a free port, with a fresh data directory and
 * fresh databases. Demo data is seeded when `seedDemo` is set.
 */
export async function startTestHost(options: {
  services: ServiceDefinition[];
  engines?: TestEngines;
  edge?: EdgePlugin;
  seedDemo?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
}): Promise<TestHost> {
  const engines = options.engines ?? embeddedEngines;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-host-'));
  const database = engines.database.create();
  const isolated = isolate(engines);
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '1',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    BUS_URL: isolated.busUrl,
    CACHE_URL: isolated.cacheUrl,
    ...engines.env,
    ...options.env,
  });
  config.port = 0;
  const host = await Host.start({
    config,
    services: options.services,
    edge: options.edge,
    clock: options.clock,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    // A test's own client keeps its connections: stops close them at once (the linger has a test of its own).
    shutdownLingerMs: 0,
  });
  if (options.seedDemo) await host.seedDemo();
  const url = host.url;
  const api: TestHost['api'] = async (method, route, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    host,
    url,
    api,
    async login(email, password = 'demo1234') {
      const response = await api('POST', '/api/v1/auth/login', { body: { email, password } });
      if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    async stop() {
      await host.stop();
      await database.cleanup(options.services.map((s) => s.name));
      if (isolated.stream && !options.env?.BUS_URL) await deleteNatsStream(engines.busUrl, isolated.stream);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
