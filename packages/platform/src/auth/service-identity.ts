import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AccountService } from '@fieldops/contracts';
import { ConfigError } from '../config/config';
import type { RpcClients } from '../rpc/rpc-clients';

/** How far a proof's time may be from the account service's clock. */
export const PROOF_TOLERANCE_MS = 5 * 60 * 1000;

export function serviceProof(secret: string, service: string, issuedAt: number): string {
  return createHmac('sha256', secret).update(`${service}:${issuedAt}`).digest('hex');
}

export function isValidServiceProof(secret: string, service: string, issuedAt: number, proof: string, now: number): boolean {
  if (Math.abs(now - issuedAt) > PROOF_TOLERANCE_MS) return false;
  const expected = Buffer.from(serviceProof(secret, service, issuedAt), 'hex');
  const given = Buffer.from(proof, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One process's secret when every service runs in it; distributed processes must share `INTERNAL_SECRET`. */
export function embeddedInternalSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Access tokens for work no user asked for (event consumers, jobs): the account service issues them to a service
 * that proves it holds the internal secret. Cached until shortly before they expire.
 */
export function createServiceTokens(rpc: RpcClients, secret: string | undefined, now: () => number): (service: string) => Promise<string> {
  const cache = new Map<string, { token: string; refreshAt: number }>();
  return async (service) => {
    const hit = cache.get(service);
    if (hit && hit.refreshAt > now()) return hit.token;
    if (!secret) {
      throw new ConfigError('INTERNAL_SECRET', 'is not set: services in separate processes need a shared secret to call each other');
    }
    const issuedAt = now();
    const { accessToken, expiresIn } = await rpc
      .client(AccountService)
      .issueServiceToken({ service, issuedAt: BigInt(issuedAt), proof: serviceProof(secret, service, issuedAt) });
    cache.set(service, { token: accessToken, refreshAt: now() + (Number(expiresIn) - 60) * 1000 });
    return accessToken;
  };
}
