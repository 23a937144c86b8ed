import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyAddr from '@fastify/proxy-addr';
import {
  type Logger,
  type Metrics,
  PROBLEM_CONTENT_TYPE,
  requestIdOf,
  setSecurityHeaders,
  type TokenVerifier,
  toProblem,
} from '@fieldops/platform';
import type { FastifyInstance } from 'fastify';
import type { Dispatcher } from 'undici';
import { identifyCaller } from './edge-auth';
import {
  type ClientFacts,
  FORWARDED_BODY_LIMIT,
  forwardedHeaders,
  METHODS,
  type RemoteService,
  replayable,
  responseHeaders,
  UNREACHABLE_RETRY_AFTER,
  unreachable,
} from './proxy';
import type { EdgeCall, RateLimiter } from './rate-limit';
import type { Upstream } from './upstream';

export interface ForwardingLaneOptions {
  services: RemoteService[];
  auth: TokenVerifier;
  limiter: RateLimiter;
  metrics: Metrics;
  log: Logger;
  trustProxy: boolean | number | string;
  /** Whether the process is stopping: answers then close their connection. */
  stopping(): boolean;
}

interface Target {
  service: string;
  prefix: string;
  upstream: Upstream;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const FORWARDED_METHODS = new Set<string>(METHODS);

/**
 * The gateway's direct way to the services in other processes. Fastify's route for them (`proxyRoutes`) stays the
 * reference and takes every request this lane does not: it runs the same edge checks (token, rate limit), forwards
 * with the same headers and replay rule, and answers with the same headers, but writes the service's answer straight
 * into the raw response, without Fastify's per-request objects, hooks and streams in between: about a sixth less CPU
 * per forwarded request (the rest is Node's HTTP parsing and writing on both sides, and the edge checks).
 *
 * It takes only plain requests: a path without percent-encoding under a forwarded prefix that no route of this
 * process claims, and a body with a declared length within the limit. A request the edge turns away (a refused
 * token, a spent budget) goes to Fastify before anything was answered, so its problem+json comes from the one place.
 */
export function installForwardingLane(app: FastifyInstance, options: ForwardingLaneOptions): void {
  const ownRoutes: string[] = [];
  const forwardedRoutes = new Set(options.services.flatMap((s) => s.prefixes.flatMap((prefix) => [prefix, `${prefix}/*`])));
  app.addHook('onRoute', (route) => {
    if (!forwardedRoutes.has(route.url)) ownRoutes.push(route.url);
  });
  app.addHook('onReady', async () => {
    const listeners = app.server.listeners('request') as RequestListener[];
    const fastify = listeners[0];
    if (listeners.length !== 1 || !fastify) {
      options.log.warn({ listeners: listeners.length }, 'the forwarding lane is off: the server has an unexpected request listener');
      return;
    }
    const targets = options.services.flatMap(({ name, prefixes, upstream }) =>
      upstream ? prefixes.filter((prefix) => !claimedHere(prefix, ownRoutes)).map((prefix) => ({ service: name, prefix, upstream })) : [],
    );
    if (targets.length === 0) return;
    // The longest prefix first, as the router would match it.
    targets.sort((a, b) => b.prefix.length - a.prefix.length);
    const lane = new ForwardingLane(targets, options, (request, response) => fastify.call(app.server, request, response));
    app.server.removeListener('request', fastify);
    app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!lane.take(request, response)) fastify.call(app.server, request, response);
    });
  });
}

/** Whether a route of this process (the gateway's own, a local service's) lies at or under the prefix. */
function claimedHere(prefix: string, routes: string[]): boolean {
  return routes.some((url) => url === prefix || url.startsWith(`${prefix}/`));
}

class ForwardingLane {
  private readonly clientOf: (request: IncomingMessage) => Omit<ClientFacts, 'requestId'>;

  constructor(
    private readonly targets: Target[],
    private readonly options: ForwardingLaneOptions,
    private readonly toFastify: RequestListener,
  ) {
    this.clientOf = clientAddressing(options.trustProxy);
  }

  /** Takes the request when it is a plain one for a forwarded service; false leaves it to Fastify. */
  take(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '';
    const method = request.method ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path.includes('%') || !FORWARDED_METHODS.has(method)) return false;
    const target = this.targets.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
    if (!target) return false;
    const length = request.headers['content-length'];
    const bodyLength = length === undefined ? 0 : Number(length);
    if (request.headers['transfer-encoding'] !== undefined || !(bodyLength <= FORWARDED_BODY_LIMIT)) return false;
    if (bodyLength > 0 && request.headers['content-type'] === undefined) return false;
    void this.forward(request, response, target, { method, url, path, bodyLength }).catch((error: unknown) => {
      this.options.log.error({ err: error, url }, 'the forwarding lane failed');
      if (!response.headersSent) response.statusCode = 500;
      response.destroy();
    });
    return true;
  }

  private async forward(
    request: IncomingMessage,
    response: ServerResponse,
    target: Target,
    call: { method: string; url: string; path: string; bodyLength: number },
  ): Promise<void> {
    const started = performance.now();
    const { auth, limiter, log } = this.options;
    const client = { ...this.clientOf(request), requestId: requestIdOf(request.headers['x-request-id']) };
    const caller = await identifyCaller(request.headers.authorization, auth, log);
    if (caller.rejection) return this.toFastify(request, response);
    const edgeHeaders: [string, string][] = [];
    const edgeCall: EdgeCall = { method: call.method, url: call.url, ip: client.ip };
    try {
      await limiter.take(edgeCall, caller.userId, (name, value) => edgeHeaders.push([name, value]), log);
    } catch {
      // Spent: Fastify's hook counts it once more and answers the 429 (the budget is past its quota either way).
      return this.toFastify(request, response);
    }
    const body = call.bodyLength > 0 ? await readBody(request) : undefined;
    if (body === null) return;
    this.options.metrics.forwarded.inc({ service: target.service, lane: 'direct' });
    const route = call.path === target.prefix ? target.prefix : `${target.prefix}/*`;
    response.once('close', () => {
      const status = String(response.statusCode);
      const labels = { method: call.method, route, status, service: target.service };
      this.options.metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    });
    const answer = (status: number, headers: Record<string, string | string[]>) => {
      response.statusCode = status;
      for (const name in headers) response.setHeader(name, headers[name] as string | string[]);
      for (const [name, value] of edgeHeaders) response.setHeader(name, value);
      response.setHeader('x-request-id', client.requestId);
      setSecurityHeaders(response);
      if (this.options.stopping()) response.setHeader('connection', 'close');
    };
    const send = (attempt: number) =>
      target.upstream.dispatch(
        { method: call.method as Dispatcher.HttpMethod, path: call.url, headers: forwardedHeaders(request.headers, client), body },
        new AnswerWriter(response, answer, (error) => {
          if (attempt === 0 && replayable(call.method, request.headers, error)) {
            log.info(
              { err: error, service: target.service, requestId: client.requestId },
              'connection to the service failed; sending the request again',
            );
            send(1);
            return;
          }
          log.warn({ err: error, service: target.service, requestId: client.requestId }, 'service unreachable');
          const problem = toProblem(unreachable(target.service), { url: call.url, id: client.requestId });
          answer(problem.status, { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': UNREACHABLE_RETRY_AFTER });
          response.end(JSON.stringify(problem));
        }),
      );
    send(0);
  }
}

/**
 * Writes the service's answer into the client's response as it arrives, at the client's pace. Until the answer
 * began, a failure goes to `failedBeforeAnswer`; after, the client's connection is cut, as a truncated answer must
 * not look whole. A client that leaves stops the request to the service.
 */
class AnswerWriter implements Dispatcher.DispatchHandler {
  private answering = false;
  private clientLeft = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly answer: (status: number, headers: Record<string, string | string[]>) => void,
    private readonly failedBeforeAnswer: (error: Error) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.response.destroyed) {
      controller.abort(new Error('the client left'));
      return;
    }
    this.response.once('close', () => {
      if (this.response.writableFinished) return;
      this.clientLeft = true;
      controller.abort(new Error('the client left'));
    });
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // 1xx answers (100-continue, 103 hints) are the connection's business; the final one follows.
    if (statusCode < 200) return;
    this.answering = true;
    this.answer(statusCode, responseHeaders(headers));
    // An answer of unknown length is a stream (server-sent events): the client hears it began before its first event.
    // A sized one sends its head with its body, in one write.
    if (headers['content-length'] === undefined) this.response.flushHeaders();
    this.response.on('drain', () => controller.resume());
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.response.write(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    this.response.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.clientLeft || this.response.destroyed) return;
    // Destroyed without the error: the socket would raise it as a client error of the HTTP server.
    if (this.answering) this.response.destroy();
    else this.failedBeforeAnswer(error);
  }
}

/** The request's body, whole; null when the client left before sending all of it. */
function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    request.once('error', () => resolve(null));
    request.once('close', () => {
      if (!request.complete) resolve(null);
    });
  });
}

/**
 * The client's address, scheme and host as Fastify's request tells them with the root app's `trustProxy` (see
 * `createRootApp`): from the socket, or from `X-Forwarded-*` when the peer is a trusted proxy.
 */
function clientAddressing(trustProxy: boolean | number | string): (request: IncomingMessage) => Omit<ClientFacts, 'requestId'> {
  const direct = (request: IncomingMessage) => ({
    ip: request.socket.remoteAddress ?? '',
    protocol: (request.socket as TLSSocket).encrypted ? 'https' : 'http',
    host: request.headers.host ?? '',
  });
  if (trustProxy === false) return direct;
  const trusted =
    typeof trustProxy === 'number'
      ? (_address: string, hop: number) => hop < trustProxy
      : trustProxy === true
        ? () => true
        : proxyAddr.compile(trustProxy.split(',').map((value) => value.trim()));
  return (request) => {
    const own = direct(request);
    const addresses = proxyAddr.all(request, trusted);
    const fromProxy = trusted(own.ip, 0);
    const forwardedHost = request.headers['x-forwarded-host'];
    const forwardedProto = request.headers['x-forwarded-proto'];
    return {
      ip: addresses[addresses.length - 1] ?? own.ip,
      protocol: fromProxy && typeof forwardedProto === 'string' ? lastEntry(forwardedProto) : own.protocol,
      host: fromProxy && typeof forwardedHost === 'string' ? lastEntry(forwardedHost) : own.host,
    };
  };
}

/** A header sent more than once by a chain of proxies: the nearest one's value. */
function lastEntry(value: string): string {
  const comma = value.lastIndexOf(',');
  return comma === -1 ? value.trim() : value.slice(comma + 1).trim();
}
