import { engineAvailable, engineUrls, eventually } from '@fieldops/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenRevocations } from '../src/auth/token-revocations';
import type { Cache } from '../src/cache/cache';
import { MemoryCache } from '../src/cache/memory-cache';
import { RedisCache } from '../src/cache/redis-cache';

/** Two processes' view of one shared cache: the same object in memory, two connections to one Redis. */
interface Driver {
  name: 'memory' | 'redis';
  open(keyPrefix: string): Promise<[Cache, Cache]>;
}

const drivers: Driver[] = [
  {
    name: 'memory',
    open: async () => {
      const shared = new MemoryCache();
      return [shared, shared];
    },
  },
];
if (await engineAvailable('redis')) {
  drivers.push({
    name: 'redis',
    open: async (keyPrefix) => [
      await RedisCache.connect(engineUrls.redis, { keyPrefix }),
      await RedisCache.connect(engineUrls.redis, { keyPrefix }),
    ],
  });
}

const MINUTE = 60_000;

describe.each(drivers)('token revocations on $name', (driver) => {
  let caches: [Cache, Cache];
  let account: TokenRevocations;
  let elsewhere: TokenRevocations;

  beforeEach(async () => {
    caches = await driver.open(`fieldops-test:revocations:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`);
    account = new TokenRevocations(caches[0]);
    elsewhere = new TokenRevocations(caches[1]);
  });

  afterEach(async () => {
    await caches[0].close();
    if (caches[1] !== caches[0]) await caches[1].close();
  });

  const token = (sessionId: string | undefined, issuedAtMs = 1_000, userId = 'u1') => ({ userId, sessionId, issuedAtMs });

  it('a revoked session is refused at once where it was revoked, and soon in every other process', async () => {
    expect(await elsewhere.isRevoked(token('s1'))).toBe(false);
    await account.revokeSession('s1', 2_000, MINUTE);
    expect(await account.isRevoked(token('s1'))).toBe(true);
    await eventually(async () => expect(await elsewhere.isRevoked(token('s1'))).toBe(true));
    expect(await elsewhere.isRevoked(token('s2'))).toBe(false);
    expect(await elsewhere.isRevoked(token(undefined))).toBe(false);
  });

  it("revoking a user's tokens refuses those issued before, not those issued after", async () => {
    await account.revokeUserTokensBefore('u1', 5_000, MINUTE);
    await eventually(async () => expect(await elsewhere.isRevoked(token('s1', 4_999))).toBe(true));
    expect(await elsewhere.isRevoked(token('s1', 5_000))).toBe(false);
    expect(await elsewhere.isRevoked(token('s1', 4_999, 'u2'))).toBe(false);
  });

  it('an earlier cutoff written late never un-revokes what a later one refused', async () => {
    await account.revokeUserTokensBefore('u1', 9_000, MINUTE);
    await account.revokeUserTokensBefore('u1', 3_000, MINUTE);
    expect(await account.isRevoked(token('s1', 8_000))).toBe(true);
  });
});
