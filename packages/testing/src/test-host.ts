import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Clock,
  createLogger,
  deleteNatsStream,
  type EdgePlugin,
  Host,
  loadConfig,
  type ServiceDefinition,
  typeMatches,
} from '@fieldops/platform';
import type { Kysely } from 'kysely';
import { embeddedEngines, isolate, type TestEngines } from './engines-env';
import { eventually } from './eventually';
import { HostErrors } from './host-errors';

export interface TestHost {
  host: Host;
  url: string;
  /** Calls the API as JSON; `token` adds the bearer header. */
  api(method: string, route: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  login(email: string, password?: string): Promise<string>;
  /**
   * Waits until the host is at rest: every event its services wrote is published and applied (or dead-lettered) by
   * each of its consumers that takes the event's type, and so are the events those consumers wrote in turn. What the
   * services do on their own after events (a demo seed's follow-up tickets, the search documents) is then in place.
   */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A running service's own database, typed by the caller, for checking what it stored (tests and benches only). */
export function serviceDb<DB>(t: { host: Host }, name: string): Kysely<DB> {
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
  const hostErrors = new HostErrors();
  const host = await Host.start({
    config,
    services: options.services,
    edge: options.edge,
    clock: options.clock,
    log: process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : createLogger('error', 'fieldops', hostErrors),
    // A test's own client keeps its connections: stops close them at once (the linger has a test of its own).
    shutdownLingerMs: 0,
    // Its data goes with it: what is still unpublished at the stop is not wanted by anyone.
    shutdownDrainMs: 0,
  });
  if (options.seedDemo) await host.seedDemo();
  const url = host.url;
  const api: TestHost['api'] = async (method, route, { token, body, headers = {} } = {}) => {
    const errorsBefore = hostErrors.count;
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
    if (response.status >= 500 && response.status !== 503) hostErrors.show(`${method} ${route} answered ${response.status}`, errorsBefore);
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
    async settled(timeoutMs = 60_000) {
      await eventually(
        async () => {
          const behind = await notYetDelivered(host, options.services);
          if (behind.length > 0) throw new Error(`the host is not at rest: ${behind.join('; ')}`);
        },
        { timeoutMs, intervalMs: 250 },
      );
    },
    async stop() {
      await host.stop();
      await database.cleanup(options.services.map((s) => s.name));
      if (isolated.stream && !options.env?.BUS_URL) await deleteNatsStream(engines.busUrl, isolated.stream);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What keeps a host from rest: outbox rows not yet published and, per consumer, events of its types not yet applied.
 * The inboxes are read before the outboxes: an event seen applied had the events its consumer wrote committed with it,
 * so those are read too and must be applied as well.
 */
async function notYetDelivered(host: Host, services: ServiceDefinition[]): Promise<string[]> {
  const running = services.flatMap((definition) => {
    const service = host.service(definition.name);
    return service ? [{ definition, db: service.db }] : [];
  });
  const handled = new Map<string, Set<string>>();
  for (const { definition, db } of running) {
    for (const consumer of definition.consumers) {
      const applied = await db.selectFrom('inbox').select('event_id').where('consumer', '=', consumer.name).execute();
      const dead = await db.selectFrom('dead_letter').select('event_id').where('consumer', '=', consumer.name).execute();
      handled.set(consumer.name, new Set([...applied, ...dead].map((row) => row.event_id)));
    }
  }
  const behind: string[] = [];
  const written: { id: string; type: string }[] = [];
  for (const { definition, db } of running) {
    const rows = await db.selectFrom('outbox').select(['id', 'type', 'published_at']).execute();
    const unpublished = rows.filter((row) => row.published_at === null).length;
    if (unpublished > 0) behind.push(`${definition.name} has ${unpublished} events unpublished`);
    written.push(...rows);
  }
  for (const { definition } of running) {
    for (const consumer of definition.consumers) {
      const done = handled.get(consumer.name) ?? new Set();
      const waiting = written.filter((e) => !done.has(e.id) && consumer.types.some((type) => typeMatches(type, e.type))).length;
      if (waiting > 0) behind.push(`${consumer.name} has ${waiting} events to apply`);
    }
  }
  return behind;
}
