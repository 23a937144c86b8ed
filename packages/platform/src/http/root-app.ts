import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/database-unavailable';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../errors';
import type { Metrics } from '../observability/metrics';
import { reportError } from '../observability/telemetry';
import { acceptEmptyJsonBodies, answerClientError, answerFrameworkError } from './edge-errors';
import { sendProblem, toProblem } from './problem';
import { registerSecurityHeaders } from './security-headers';
import { unsafeTextProblems } from './text-safety';
import { validatorCompiler } from './validation';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request's id: the caller's `X-Request-Id` when it is a plausible one, a new UUIDv7 otherwise. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
}

/**
 * The process's one HTTP server: request ids, problem+json for every error, RED metrics. Services and the
 * gateway mount into it as encapsulated plugins.
 */
export function createRootApp(log: Logger, metrics: Metrics, options: { trustProxy: boolean | number | string }): FastifyInstance {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // One line per request only when debugging: the RED metrics already count every request.
    logController: new LogController({ disableRequestLogging: log.level !== 'debug' && log.level !== 'trace' }),
    // Keep-alive sockets would hold a graceful shutdown open forever; in-flight requests still finish.
    forceCloseConnections: 'idle',
    // A request that reaches a closing server on a connection it already had is served, not refused: it was sent
    // before the client could know, and a refusal would be a bare 503 for a request that may not be safe to repeat.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    bodyLimit: 5 * 1024 * 1024,
    // A hop count trusts that many proxies nearest to us.
    trustProxy:
      typeof options.trustProxy === 'number' ? (_address: string, hop: number) => hop < (options.trustProxy as number) : options.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array' } },
    // Long enough for any identifier: a longer segment reaches the route and its schema names the parameter.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  acceptEmptyJsonBodies(app);
  app.setValidatorCompiler(validatorCompiler);
  // Graceful shutdown: requests in flight finish, and their answers close the connection. Otherwise a keep-alive
  // socket that was busy when closing began would hold the server open until the client let it go.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    // One turn of the event loop before idle connections are closed: a request whose bytes just arrived is read
    // (and so no longer idle) rather than cut off unread.
    await new Promise((resolve) => setImmediate(resolve));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  registerSecurityHeaders(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Every route, with a schema or without: no string anywhere in the request may carry NUL or lone surrogates.
  app.addHook('preValidation', async (request) => {
    const problems = [
      ...unsafeTextProblems(request.params, '/params'),
      ...unsafeTextProblems(request.query, '/query'),
      ...unsafeTextProblems(request.body, '/body'),
    ];
    if (problems.length > 0) throw new ValidationError(problems, 'Text may not contain NUL characters or unpaired UTF-16 surrogates.');
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
        service: request.routeOptions.config.service ?? 'edge',
      },
      reply.elapsedTime / 1000,
    );
  });
  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    if (problem.status === 503) {
      // Expected while a dependency is away: the client retries; an error report per request would flood.
      request.log.warn({ err: error, requestId: request.id }, 'dependency unavailable');
    } else if (problem.status >= 500) {
      request.log.error({ err: error, requestId: request.id }, 'request failed');
      reportError(error, { requestId: request.id, url: request.url });
    }
    if (problem.status === 429 && !reply.hasHeader('retry-after')) {
      reply.header('retry-after', String((error instanceof TooManyRequestsError && error.retryAfterSeconds) || 1));
    }
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(reply, toProblem(new NotFoundError(`Route ${request.method} ${request.url.split('?')[0]}`), request)),
  );
  return app;
}
