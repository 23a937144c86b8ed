import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../auth/token-verifier';
import { ForbiddenError, UnauthorizedError } from '../errors';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may scrape `/metrics`: with `METRICS_TOKEN` set, whoever sends it as a bearer token; without it, only a
 * scraper on this machine talking to us directly (a request relayed by a local proxy carries X-Forwarded-For).
 * Route names, counts and backlog sizes tell an outsider too much about the installation.
 */
export function checkMetricsAccess(request: FastifyRequest, metricsToken: string | undefined): void {
  if (metricsToken) {
    const token = bearerToken(request.headers.authorization);
    if (!token || !sameSecret(token, metricsToken))
      throw new UnauthorizedError('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.');
    return;
  }
  const direct = request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
  if (!direct || !LOOPBACK.test(request.socket.remoteAddress ?? '')) {
    throw new ForbiddenError('Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.');
  }
}
