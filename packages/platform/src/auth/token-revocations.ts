import { LRUCache } from 'lru-cache';
import type { Cache } from '../cache/cache';
import { ServiceUnavailableError } from '../errors';

/** What a revocation check needs to know about a verified access token. */
export interface TokenSession {
  userId: string;
  /** The login session (refresh-token family) the token was issued in; service tokens have none. */
  sessionId: string | undefined;
  issuedAtMs: number;
}

/**
 * How long a process trusts its last look at the list: verification stays one memory read per request, and a
 * revocation made in another process reaches this one within this time.
 */
const MEMO_MS = 1_000;

const sessionKey = (sessionId: string) => `auth:revoked:session:${sessionId}`;
const userKey = (userId: string) => `auth:revoked:user-before:${userId}`;

/**
 * The list of revoked access tokens, on the Cache port: in memory when every service shares one process, in Redis
 * when they do not, so a revocation reaches every verifier. Access tokens are short-lived, so an entry needs to
 * live only as long as the longest token it may refuse (`ttlMs`).
 */
export class TokenRevocations {
  private readonly memo = new LRUCache<string, { revokedAt: number | null; until: number }>({ max: 50_000 });

  constructor(
    private readonly cache: Cache,
    private readonly memoMs = MEMO_MS,
  ) {}

  /** Refuses every access token of one session (logout, a reused refresh token). */
  async revokeSession(sessionId: string, at: number, ttlMs: number): Promise<void> {
    await this.write(sessionKey(sessionId), at, ttlMs);
  }

  /** Refuses every access token issued to the user before `at` (disabled, password or permissions changed). */
  async revokeUserTokensBefore(userId: string, at: number, ttlMs: number): Promise<void> {
    await this.write(userKey(userId), at, ttlMs);
  }

  async isRevoked(token: TokenSession): Promise<boolean> {
    const [userCutoff, sessionRevokedAt] = await Promise.all([
      this.read(userKey(token.userId)),
      token.sessionId ? this.read(sessionKey(token.sessionId)) : null,
    ]);
    return sessionRevokedAt !== null || (userCutoff !== null && token.issuedAtMs < userCutoff);
  }

  private async write(key: string, at: number, ttlMs: number): Promise<void> {
    const current = await this.cache.get<number>(key);
    const revokedAt = Math.max(at, current ?? 0);
    await this.cache.set(key, revokedAt, ttlMs);
    this.memo.set(key, { revokedAt, until: Date.now() + this.memoMs });
  }

  private async read(key: string): Promise<number | null> {
    const hit = this.memo.get(key);
    if (hit && hit.until > Date.now()) return hit.revokedAt;
    let revokedAt: number | null;
    try {
      revokedAt = (await this.cache.get<number>(key)) ?? null;
    } catch {
      // Neither open (a revoked token would pass) nor 401 (every client would log out on a cache blip).
      throw new ServiceUnavailableError('Access tokens cannot be checked for revocation right now.');
    }
    this.memo.set(key, { revokedAt, until: Date.now() + this.memoMs });
    return revokedAt;
  }
}
