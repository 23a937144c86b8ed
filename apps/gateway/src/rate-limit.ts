import { type Cache, type PlatformConfig, TooManyRequestsError } from '@fieldops/platform';
import type { FastifyBaseLogger } from 'fastify';

/** One budget a request draws on: `default` per caller, `login` per client address. */
export interface RateLimitPolicy {
  name: 'default' | 'login';
  quota: number;
  windowMs: number;
  /** Whose budget: `user:<id>` or `ip:<address>`. */
  subject: string;
}

/** What the limiter needs to know of a request, from Fastify's request or from the forwarding lane's raw one. */
export interface EdgeCall {
  method: string;
  /** As it came, query included. */
  url: string;
  /** The client's address (behind trusted proxies, the one they name). */
  ip: string;
  /** The route pattern it matched, when known. */
  routeUrl?: string | undefined;
}

/**
 * Routes that check a password or issue tokens: brute-force targets, so they have a stricter budget per address
 * whoever the caller claims to be (the account service adds a per-account back-off behind it).
 */
const LOGIN_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/me/password']);

/** The cache key of a budget; shared by every gateway replica when the cache is Redis. */
export function rateLimitKey(policy: RateLimitPolicy['name'], subject: string): string {
  return `gateway:rate-limit:${policy}:${subject}`;
}

/**
 * Fixed-window rate limits on `/api/*` through the Cache port (in memory, or Redis across replicas), with the
 * IETF `RateLimit-Policy` / `RateLimit` headers (draft-ietf-httpapi-ratelimit-headers-09) on every answer.
 */
export class RateLimiter {
  constructor(
    private readonly cache: Cache,
    private readonly settings: PlatformConfig['rateLimit'],
  ) {}

  /** The budget a request draws on, or undefined outside `/api` and `/graphql`. */
  policyFor(call: EdgeCall, userId: string | undefined): RateLimitPolicy | undefined {
    const path = decodedPath(call.url);
    if (!path.startsWith('/api/') && path !== '/graphql') return undefined;
    const { max, windowMs, loginMax } = this.settings;
    const isLogin = call.method === 'POST' && (LOGIN_PATHS.has(path) || LOGIN_PATHS.has(call.routeUrl ?? ''));
    if (isLogin) return { name: 'login', quota: loginMax, windowMs, subject: `ip:${call.ip}` };
    return { name: 'default', quota: max, windowMs, subject: userId ? `user:${userId}` : `ip:${call.ip}` };
  }

  /** Counts the request, sets the headers on its answer, and refuses it (429) when its budget is spent. */
  async take(
    call: EdgeCall,
    userId: string | undefined,
    setHeader: (name: string, value: string) => void,
    log: Pick<FastifyBaseLogger, 'warn'>,
  ): Promise<void> {
    const policy = this.policyFor(call, userId);
    if (!policy) return;
    let usage: { count: number; resetInMs: number };
    try {
      usage = await this.cache.increment(rateLimitKey(policy.name, policy.subject), policy.windowMs);
    } catch (error) {
      // Fail open: an unreachable cache must not take the whole API down with it.
      log.warn({ err: error }, 'rate limit not applied: the cache failed');
      return;
    }
    const remaining = Math.max(0, policy.quota - usage.count);
    const resetSeconds = Math.ceil(usage.resetInMs / 1000);
    setHeader('ratelimit-policy', `"${policy.name}";q=${policy.quota};w=${Math.ceil(policy.windowMs / 1000)}`);
    setHeader('ratelimit', `"${policy.name}";r=${remaining};t=${resetSeconds}`);
    if (usage.count <= policy.quota) return;
    const retryAfter = Math.max(1, resetSeconds);
    setHeader('retry-after', String(retryAfter));
    throw new TooManyRequestsError(
      policy.name === 'login'
        ? `Too many sign-in attempts from this address: ${policy.quota} per ${windowText(policy.windowMs)}. Retry in ${retryAfter} s.`
        : `Too many requests: ${policy.quota} per ${windowText(policy.windowMs)}. Retry in ${retryAfter} s.`,
    );
  }
}

/** The path as the router matches it (percent-decoded), so `/api/v1/auth/%6Cogin` cannot dodge the login budget. */
function decodedPath(url: string): string {
  const raw = url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function windowText(windowMs: number): string {
  const seconds = Math.ceil(windowMs / 1000);
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
