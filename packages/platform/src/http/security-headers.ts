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

/** For answers sent outside the routes' hooks (errors of the router itself). */
export function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', NO_CONTENT_POLICY);
}
