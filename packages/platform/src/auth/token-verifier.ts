import { createLocalJWKSet, errors, type JSONWebKeySet, type JWK, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthorizedError } from '../errors';
import type { Principal } from './principal';
import { principalOf, sessionOf, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims';
import type { TokenRevocations, TokenSession } from './token-revocations';

export type KeySource = () => Promise<JWK[]>;

interface Verified {
  principal: Principal;
  session: TokenSession;
  expiresAt: number;
}

/**
 * Verifies access tokens in every service: the gateway is not a trust boundary on its own. Public keys come
 * from the account service (its `GetJwks` RPC) and are cached; an unknown key id triggers one reload, so key
 * rotation needs no restart. A valid signature is not enough: the token must not be on the revocation list.
 */
export class TokenVerifier {
  private keys: ReturnType<typeof createLocalJWKSet> | undefined;
  private loadedAt = 0;
  /**
   * Tokens already verified, until they expire: a signature check costs more than the rest of a small request,
   * and the same token arrives again and again (at the gateway, then at the service). Tokens cannot change.
   */
  private readonly verified = new LRUCache<string, Verified>({ max: 10_000 });

  constructor(
    private readonly source: KeySource,
    private readonly revocations: TokenRevocations,
    private readonly minReloadMs = 10_000,
  ) {}

  private async load(): Promise<ReturnType<typeof createLocalJWKSet>> {
    const jwks: JSONWebKeySet = { keys: await this.source() };
    this.keys = createLocalJWKSet(jwks);
    this.loadedAt = Date.now();
    return this.keys;
  }

  async verify(token: string): Promise<Principal> {
    const hit = this.verified.get(token);
    const verified = hit && hit.expiresAt > Date.now() ? hit : await this.verifySignature(token);
    if (verified !== hit) this.verified.set(token, verified);
    if (await this.revocations.isRevoked(verified.session)) {
      throw new UnauthorizedError('The access token was revoked (logged out, disabled or changed); log in again.');
    }
    return verified.principal;
  }

  private async verifySignature(token: string): Promise<Verified> {
    const keys = this.keys ?? (await this.load());
    try {
      return await this.check(token, keys);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (Date.now() - this.loadedAt > this.minReloadMs) {
        try {
          return await this.check(token, await this.load());
        } catch (retryError) {
          if (!(retryError instanceof errors.JWKSNoMatchingKey)) throw retryError;
        }
      }
      throw new UnauthorizedError('The access token was signed with an unknown key.');
    }
  }

  private async check(token: string, keys: ReturnType<typeof createLocalJWKSet>): Promise<Verified> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
      });
      return { principal: principalOf(payload, token), session: sessionOf(payload), expiresAt: (payload.exp ?? 0) * 1000 };
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthorizedError('The access token has expired.');
      if (error instanceof errors.JWKSNoMatchingKey) throw error;
      throw new UnauthorizedError('The access token is not valid.');
    }
  }
}

/** Reads `Authorization: Bearer <token>`; answers undefined when absent. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}
