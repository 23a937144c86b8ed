import type { IncomingHttpHeaders } from 'node:http';
import { type Metrics, ServiceUnavailableError } from '@fieldops/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { serviceUrlSetting, type Upstream } from './upstream';

/** A service that runs elsewhere, and where (when its URL is set). */
export interface RemoteService {
  name: string;
  prefixes: string[];
  upstream: Upstream | undefined;
}

export const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Request headers a service needs; everything else (cookies, hop-by-hop, client hints) stays at the edge. */
const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'accept-language',
  'idempotency-key',
  'if-match',
  'if-none-match',
  // A reconnecting Server-Sent Events client names the last event it saw.
  'last-event-id',
  'traceparent',
  'tracestate',
  // Read-your-writes across database replicas: the position of the caller's last write.
  'x-fieldops-consistency',
] as const;

/** RFC 9110 §7.6.1: meaningful for one connection only, never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The largest body the gateway forwards: above what any service takes through the API (a 20 MB CSV import, a 10 MB
 * direct file upload with its multipart framing). Each service enforces its own, smaller limits; larger files go
 * straight to storage through presigned URLs.
 */
export const FORWARDED_BODY_LIMIT = 24 * 1024 * 1024;

/** Methods whose repetition changes nothing more than one request does (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * The connection failed before any answer: refused, reset, or closed by the service. A replica that is stopping
 * closes its idle kept-alive connections, and a request sent on one just then meets a closed socket.
 */
const CONNECTION_FAILURES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/**
 * Sent once more, on a fresh connection (to another replica behind a balancer), when the connection failed: only
 * requests that are safe to repeat, an idempotent method or a POST with an Idempotency-Key the service dedupes by.
 * Anything else may have been applied, so its client hears 503 and decides.
 */
export function replayable(method: string, headers: IncomingHttpHeaders, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !CONNECTION_FAILURES.has(code)) return false;
  return IDEMPOTENT_METHODS.has(method) || typeof headers['idempotency-key'] === 'string';
}

/** What the service hears of the client: the address and scheme it used, and the request's id. */
export interface ClientFacts {
  ip: string;
  protocol: string;
  host: string;
  requestId: string;
}

/** The answer to a request whose service did not answer (connection refused, reset, timed out). */
export function unreachable(service: string): ServiceUnavailableError {
  return new ServiceUnavailableError(`The ${service} service cannot be reached right now; try again shortly.`);
}

/** Seconds a client waits before trying an unreachable service again. */
export const UNREACHABLE_RETRY_AFTER = '5';

/**
 * Forwards every route of the services that run in other processes: `<prefix>` and `<prefix>/*`, all methods.
 * Bodies pass through as raw bytes, so the service validates them and its problem+json reaches the client as is.
 */
export async function proxyRoutes(app: FastifyInstance, options: { services: RemoteService[]; metrics: Metrics }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: FORWARDED_BODY_LIMIT }, (_request, body, done) => done(null, body));
  for (const service of options.services) {
    const handler = service.upstream ? forwardTo(service.upstream, options.metrics) : notConfigured(service.name);
    for (const prefix of service.prefixes) {
      for (const url of [prefix, `${prefix}/*`]) {
        app.route({ method: METHODS, url, exposeHeadRoute: false, config: { service: service.name }, schema: { hide: true }, handler });
      }
    }
  }
}

function forwardTo(upstream: Upstream, metrics: Metrics) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    metrics.forwarded.inc({ service: upstream.name, lane: 'router' });
    const aborted = new AbortController();
    // The client left before the service answered: stop waiting for it (the stream case is Fastify's).
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) aborted.abort();
    });
    const send = () =>
      upstream.request({
        method: request.method,
        path: request.url,
        headers: forwardedHeaders(request.headers, {
          ip: request.ip,
          protocol: request.protocol,
          host: request.host,
          requestId: String(request.id),
        }),
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
        signal: aborted.signal,
      });
    let response: Awaited<ReturnType<Upstream['request']>>;
    try {
      response = await send().catch((error: unknown) => {
        if (aborted.signal.aborted || !replayable(request.method, request.headers, error)) throw error;
        request.log.info({ err: error, service: upstream.name }, 'connection to the service failed; sending the request again');
        return send();
      });
    } catch (error) {
      if (aborted.signal.aborted) return reply;
      request.log.warn({ err: error, service: upstream.name }, 'service unreachable');
      reply.header('retry-after', UNREACHABLE_RETRY_AFTER);
      throw unreachable(upstream.name);
    }
    reply.code(response.statusCode).headers(responseHeaders(response.headers));
    if (request.method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) {
      await response.body.dump();
      return reply.send();
    }
    return reply.send(response.body);
  };
}

function notConfigured(service: string) {
  return async () => {
    throw new ServiceUnavailableError(
      `The ${service} service does not run in this process and its address is not set: set ${serviceUrlSetting(service)}.`,
    );
  };
}

/** The headers a request is forwarded with: those the service needs, and who the client is. */
export function forwardedHeaders(incoming: IncomingHttpHeaders, client: ClientFacts): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const forwardedFor = incoming['x-forwarded-for'];
  headers['x-forwarded-for'] = typeof forwardedFor === 'string' ? `${forwardedFor}, ${client.ip}` : client.ip;
  headers['x-forwarded-proto'] = client.protocol;
  headers['x-forwarded-host'] = client.host;
  headers['x-request-id'] = client.requestId;
  return headers;
}

/** The service's answer headers the client gets: all but those about the connection between gateway and service. */
export function responseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const connection = headers.connection;
  const connectionScoped = connection
    ? new Set(
        String(connection)
          .split(',')
          .map((token) => token.trim().toLowerCase())
          .filter(Boolean),
      )
    : undefined;
  const kept: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || connectionScoped?.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}
