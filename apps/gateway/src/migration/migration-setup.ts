import { randomBytes } from 'node:crypto';
import { type MigrationRoute, MODE_CHANNEL } from '@fieldops/migration';
import { ConfigError, type Host, parseUrlSetting } from '@fieldops/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Upstream } from '../upstream';
import { DiffReporter } from './diff-reporter';
import { migrationTraffic } from './migration-traffic';
import { RouteTable } from './route-table';

/** How often the modes are re-read when no announcement came (a missed one, a restarted Redis). */
const POLL_INTERVAL_MS = 5_000;
/** How often comparisons are handed to the migration service. */
const REPORT_INTERVAL_MS = 250;
const GATEWAY_IDENTITY = 'gateway';

export interface MigrationEdge {
  /** Whether a request is the gateway's own call (to FieldOps's side or the migration service): no rate limit. */
  isOwnCall(request: FastifyRequest): boolean;
}

/** Whether this gateway moves traffic off a legacy system (`MIGRATION_ROUTES_FILE`). */
export function migrationConfigured(env: Record<string, string | undefined>): boolean {
  return Boolean(env.MIGRATION_ROUTES_FILE);
}

/**
 * Moving traffic off a legacy system, when `MIGRATION_ROUTES_FILE` is set (see docs/operations.md): routes traffic by
 * the mode the migration service holds, compares answers and reports them to it. The migration service owns the
 * route table, the admin API and the report; this gateway follows it. Without the setting nothing of it runs.
 */
export async function setUpMigration(app: FastifyInstance, host: Host): Promise<MigrationEdge | undefined> {
  const { config, auth, metrics, log, clock, pubsub } = host.runtime;
  if (!migrationConfigured(config.env)) return undefined;
  const legacyUrl = config.env.LEGACY_URL;
  if (!legacyUrl) throw new ConfigError('LEGACY_URL', 'is required with MIGRATION_ROUTES_FILE');
  parseUrlSetting('LEGACY_URL', legacyUrl, ['http:', 'https:']);
  const marker = randomBytes(16).toString('hex');

  // The migration service is reached like any service: in this process, or forwarded to SERVICE_MIGRATION_URL.
  const callService = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const token = await host.runtime.serviceTokens(GATEWAY_IDENTITY);
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'x-fieldops-migration': marker, accept: 'application/json' },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return response;
  };

  const table = new RouteTable(async () => {
    const answer = await callService('GET', '/api/v1/migration/routes');
    return (answer.json() as { items: MigrationRoute[] }).items;
  });
  const reporter = new DiffReporter(
    metrics.registry,
    async (items) => {
      await callService('POST', '/api/v1/migration/comparisons', { items });
    },
    (error) => log.warn({ err: error }, 'migration comparisons could not be reported; kept for the next try'),
  );
  const refresh = () => table.refresh().catch((error: unknown) => log.warn({ err: error }, 'the migration routes cannot be read'));
  const unsubscribe = await pubsub.subscribe(MODE_CHANNEL, () => void refresh());
  const poll = setInterval(() => void refresh(), POLL_INTERVAL_MS);
  const stopReporting = reporter.start(REPORT_INTERVAL_MS);
  const legacy = new Upstream('legacy', legacyUrl);
  app.addHook('onClose', async () => {
    clearInterval(poll);
    await unsubscribe();
    await stopReporting();
    await legacy.close();
  });
  // The replica that took a switch follows it before answering: the admin's next request sees the new mode here.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'PUT' && request.url.startsWith('/api/v1/migration/routes/') && reply.statusCode === 200) await refresh();
    return payload;
  });

  await migrationTraffic(app, {
    table,
    reporter,
    marker,
    now: () => clock.now(),
    legacy,
    legacyToken: config.env.LEGACY_TOKEN || undefined,
    verify: (t) => auth.verify(t),
  });
  return { isOwnCall: (request) => request.headers['x-fieldops-migration'] === marker };
}
