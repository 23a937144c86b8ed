import { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * What an answer that is not a page may do in a browser: nothing. An API answer or a file opened directly runs
 * no script, loads nothing and cannot be framed. Pages (the web app, the API docs) set their own policy.
 */
export const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers every answer of the process carries, errors and 404s included: no type sniffing, no framing, no
 * referrer leaving with signed URLs in it. A route's own Content-Security-Policy wins over the default.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    setSecurityHeaders(reply);
    return payload;
  });
}

const SECURITY_HEADERS: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['cross-origin-opener-policy', 'same-origin'],
];

/** For answers sent outside the routes' hooks: errors of the router itself, answers the gateway writes on the raw response. */
export function setSecurityHeaders(target: FastifyReply | ServerResponse): void {
  const set = target instanceof ServerResponse ? target.setHeader.bind(target) : target.header.bind(target);
  for (const [name, value] of SECURITY_HEADERS) set(name, value);
  if (!target.hasHeader('content-security-policy')) set('content-security-policy', NO_CONTENT_POLICY);
}
