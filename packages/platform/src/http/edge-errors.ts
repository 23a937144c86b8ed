import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { PROBLEM_CONTENT_TYPE, sendProblem, toProblem } from './problem';
import { NO_CONTENT_POLICY, setSecurityHeaders } from './security-headers';

/**
 * Errors Fastify answers before any route runs (a URL that is not valid percent-encoding, a path parameter past
 * the router's limit): the same problem+json as every other error, not Fastify's own JSON.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(error, request);
  if (error.code === 'FST_ERR_BAD_URL') problem.errors = [{ field: '/path', message: 'is not valid percent-encoding' }];
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    problem.status = 400;
    problem.errors = [{ field: '/path', message: 'has a segment longer than any identifier' }];
  }
  setSecurityHeaders(reply);
  void sendProblem(reply, problem);
}

/** Node's own parser refused the request (raw UTF-8 in the URL, a broken request line, huge headers). */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const reason = STATUS_CODES[status] ?? 'Bad Request';
  const title = reason.charAt(0) + reason.slice(1).toLowerCase();
  const detail =
    status === 400 ? 'The request is not well-formed HTTP: a URL must be ASCII, with other characters percent-encoded.' : title;
  const body = JSON.stringify({
    type: `https://fieldops.dev/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    title,
    status,
    detail,
    requestId: uuidv7(),
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nContent-Security-Policy: ${NO_CONTENT_POLICY}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * JSON bodies as Fastify parses them (prototype-poisoning checks included), except that an empty body is no body:
 * clients send `Content-Type: application/json` on every POST, also on those that take none (release, rebuild).
 * A route whose schema requires a body still refuses it, naming `/body`.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
