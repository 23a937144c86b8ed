import { compareBodies, fieldOpsToLegacy, legacyToFieldOps } from '@fieldops/migration';
import { bearerToken, ServiceUnavailableError, UnauthorizedError } from '@fieldops/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Upstream } from '../upstream';
import type { DiffReporter } from './diff-reporter';
import type { MigrationRoute, RouteTable } from './route-table';

export interface MigrationTrafficOptions {
  table: RouteTable;
  reporter: DiffReporter;
  /** Marks the gateway's own calls (`x-fieldops-migration`), which this hook lets through. */
  marker: string;
  now(): number;
  /** The legacy system at `LEGACY_URL`. */
  legacy: Upstream;
  /** Sent to the legacy system as `Authorization: Bearer …` (`LEGACY_TOKEN`); it knows nothing of FieldOps's users. */
  legacyToken: string | undefined;
  /** Proves the caller is authenticated before anything reaches the legacy system. */
  verify(token: string): Promise<unknown>;
  /** Background comparisons in flight at most; more are skipped rather than queued behind the client's traffic. */
  maxComparisons?: number;
}

interface Answer {
  status: number;
  contentType: string;
  /** FieldOps's own headers (ETag, Location…), passed on when it serves. */
  headers?: Record<string, string>;
  body: unknown;
  raw: Buffer;
}

/** Headers of the inner answer that describe its own connection or are set again for the outer one. */
const NOT_PASSED_ON = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date', 'x-request-id']);

const FORWARDED = ['accept', 'accept-language', 'idempotency-key', 'if-match', 'traceparent'] as const;

/**
 * Routes a migrating path by its mode. Runs before FieldOps validates the request, so in `legacy` and `shadow` a
 * request FieldOps would refuse still reaches the system that serves it. FieldOps is called through the app itself
 * (`inject`), which reaches in-process services and forwarded ones alike; those calls carry a per-process marker
 * so this hook lets them through.
 */
export async function migrationTraffic(app: FastifyInstance, options: MigrationTrafficOptions): Promise<void> {
  const { marker } = options;
  const maxComparisons = options.maxComparisons ?? 64;
  let comparing = 0;

  const legacyPath = (route: MigrationRoute, url: string) => `${route.legacyPrefix}${url.slice(route.prefix.length)}`;

  async function callLegacy(request: FastifyRequest, route: MigrationRoute, method: string): Promise<Answer> {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (options.legacyToken) headers.authorization = `Bearer ${options.legacyToken}`;
    let body: string | undefined;
    const sent = requestJson(request);
    if (sent !== undefined && method !== 'GET' && method !== 'HEAD') {
      body = JSON.stringify(fieldOpsToLegacy(sent, route.mapping));
      headers['content-type'] = 'application/json';
    }
    const response = await options.legacy.request({ method: method as 'GET', path: legacyPath(route, request.url), headers, body });
    const raw = Buffer.from(await response.body.arrayBuffer());
    const contentType = String(response.headers['content-type'] ?? 'application/octet-stream');
    return { status: response.statusCode, contentType, raw, body: parseJson(raw, contentType) };
  }

  async function callFieldOps(request: FastifyRequest): Promise<Answer> {
    const headers: Record<string, string> = { 'x-fieldops-migration': marker };
    for (const name of ['authorization', ...FORWARDED] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const response = await app.inject({ method: 'GET', url: request.url, headers });
    const contentType = String(response.headers['content-type'] ?? 'application/octet-stream');
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (typeof value === 'string' && !NOT_PASSED_ON.has(name)) kept[name] = value;
    }
    return {
      status: response.statusCode,
      contentType,
      headers: kept,
      raw: response.rawPayload,
      body: parseJson(response.rawPayload, contentType),
    };
  }

  function compareLater(route: MigrationRoute, request: FastifyRequest, served: 'legacy' | 'fieldops', servedAnswer: Answer): void {
    if (comparing >= maxComparisons) {
      request.log.warn({ route: route.name }, 'migration comparison skipped: too many in flight');
      return;
    }
    comparing += 1;
    const other = served === 'legacy' ? callFieldOps(request) : callLegacy(request, route, 'GET');
    other
      .then((answer) => {
        const legacy = served === 'legacy' ? servedAnswer : answer;
        const fieldops = served === 'legacy' ? answer : servedAnswer;
        const legacyBody = legacyToFieldOps(legacy.body, route.mapping);
        const differences = compareBodies(legacyBody, fieldops.body, route.mapping);
        if (legacy.status !== fieldops.status) differences.unshift({ path: '#status', legacy: legacy.status, fieldops: fieldops.status });
        const result = differences.length === 0 ? 'match' : 'mismatch';
        options.reporter.record(route.name, result, options.now(), {
          method: request.method,
          path: request.url,
          served,
          legacyStatus: legacy.status,
          fieldopsStatus: fieldops.status,
          differences,
          legacyBody,
          fieldopsBody: fieldops.body,
        });
      })
      .catch((error: unknown) => {
        request.log.warn({ err: error, route: route.name }, 'migration comparison failed');
        options.reporter.record(route.name, 'error', options.now());
      })
      .finally(() => {
        comparing -= 1;
      });
  }

  async function serveFromLegacy(request: FastifyRequest, reply: FastifyReply, route: MigrationRoute, compare: boolean) {
    await requireCaller(request, options.verify);
    let answer: Answer;
    try {
      answer = await callLegacy(request, route, request.method);
    } catch (error) {
      request.log.warn({ err: error, route: route.name }, 'legacy system unreachable');
      reply.header('retry-after', '5');
      throw new ServiceUnavailableError('The legacy system cannot be reached right now; try again shortly.');
    }
    if (compare && request.method === 'GET') compareLater(route, request, 'legacy', answer);
    reply.code(answer.status).header('content-type', answer.contentType);
    // Clients see FieldOps's field names whichever system answers, so switching a route changes nothing for them.
    return reply.send(answer.body === undefined ? answer.raw : JSON.stringify(legacyToFieldOps(answer.body, route.mapping)));
  }

  async function serveFromFieldOps(request: FastifyRequest, reply: FastifyReply, route: MigrationRoute) {
    const answer = await callFieldOps(request);
    compareLater(route, request, 'fieldops', answer);
    return reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .header('content-type', answer.contentType)
      .send(answer.raw);
  }

  app.addHook('preValidation', async (request, reply) => {
    if (request.headers['x-fieldops-migration'] === marker) return;
    // Only API calls can be migrating routes: health checks, metrics and the web app never wait on the table.
    if (!request.url.startsWith('/api/')) return;
    if (!options.table.loaded) await refreshOrRefuse(options.table, request, reply);
    const route = options.table.match(request.url);
    if (!route || route.mode === 'new') return;
    if (route.mode === 'legacy') return serveFromLegacy(request, reply, route, false);
    if (route.mode === 'shadow') return serveFromLegacy(request, reply, route, true);
    // primary-new: writes go to FieldOps alone; reads are served by FieldOps and compared with the legacy answer.
    if (request.method === 'GET') return serveFromFieldOps(request, reply, route);
  });
}

/** A gateway that does not know the modes yet does not guess where a request goes. */
async function refreshOrRefuse(table: RouteTable, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  try {
    await table.refresh();
  } catch (error) {
    request.log.warn({ err: error }, 'the migration routes cannot be read');
    reply.header('retry-after', '5');
    throw new ServiceUnavailableError('The migration route table cannot be read right now; try again shortly.');
  }
}

async function requireCaller(request: FastifyRequest, verify: (token: string) => Promise<unknown>): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw new UnauthorizedError();
  await verify(token);
}

function requestJson(request: FastifyRequest): unknown {
  const body = request.body;
  if (Buffer.isBuffer(body)) return body.length === 0 ? undefined : parseJson(body, String(request.headers['content-type'] ?? ''));
  return body ?? undefined;
}

function parseJson(raw: Buffer, contentType: string): unknown {
  if (!/json/.test(contentType) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
