import { engineAvailable, engineUrls, eventually } from '@fieldops/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../src/cache/cache';
import { MemoryCache } from '../src/cache/memory-cache';
import { RedisCache } from '../src/cache/redis-cache';

interface Driver {
  name: 'memory' | 'redis';
  open(keyPrefix: string): Promise<Cache>;
}

const drivers: Driver[] = [{ name: 'memory', open: async () => new MemoryCache() }];
if (await engineAvailable('redis')) {
  drivers.push({ name: 'redis', open: (keyPrefix) => RedisCache.connect(engineUrls.redis, { keyPrefix }) });
}

// One prefix per run: parallel runs and leftovers of earlier runs share the Redis but never a key.
const runPrefix = `fieldops-test:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`;
const MINUTE = 60_000;

describe.each(drivers)('cache conformance: $name', (driver) => {
  let cache: Cache;

  beforeEach(async () => {
    cache = await driver.open(runPrefix);
  });

  afterEach(async () => {
    await cache.close();
  });

  it('round-trips objects', async () => {
    const value = { id: 'u1', roles: ['admin'], profile: { name: 'Ada', age: 36 }, active: true, note: null };
    await cache.set('round-trip', value, MINUTE);
    expect(await cache.get('round-trip')).toEqual(value);
  });

  it('answers undefined for a missing key', async () => {
    expect(await cache.get('never-set')).toBeUndefined();
  });

  it('forgets a value after its ttl', async () => {
    await cache.set('short-lived', { a: 1 }, 50);
    expect(await cache.get('short-lived')).toEqual({ a: 1 });
    await eventually(async () => expect(await cache.get('short-lived')).toBeUndefined(), { timeoutMs: 2_000 });
  });

  it('deletes a value', async () => {
    await cache.set('doomed', 'x', MINUTE);
    await cache.delete('doomed');
    expect(await cache.get('doomed')).toBeUndefined();
    await expect(cache.delete('doomed')).resolves.toBeUndefined();
  });

  it('counts increments within a window and starts over after it', async () => {
    const first = await cache.increment('window', 100);
    expect(first.count).toBe(1);
    expect(first.resetInMs).toBeGreaterThan(0);
    expect(first.resetInMs).toBeLessThanOrEqual(100);

    const second = await cache.increment('window', 100);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeLessThanOrEqual(first.resetInMs);

    // The window is fixed from the first increment: once it ends the next increment starts a new one at 1.
    await eventually(
      async () => {
        const again = await cache.increment('window', 100);
        expect(again.count).toBe(1);
        expect(again.resetInMs).toBeGreaterThan(0);
      },
      { timeoutMs: 2_000 },
    );
  });

  it('counts 200 concurrent increments exactly', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => cache.increment('concurrent', MINUTE)));
    const counts = results.map((r) => r.count).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 200 }, (_, n) => n + 1));
    expect((await cache.increment('concurrent', MINUTE)).count).toBe(201);
  });

  it('hands out copies, never the stored value', async () => {
    const original = { tags: ['a'], nested: { n: 1 } };
    await cache.set('copies', original, MINUTE);
    original.tags.push('changed-after-set');

    const read = await cache.get<typeof original>('copies');
    expect(read).toEqual({ tags: ['a'], nested: { n: 1 } });
    if (read) {
      read.nested.n = 2;
      read.tags.push('changed-after-get');
    }
    expect(await cache.get('copies')).toEqual({ tags: ['a'], nested: { n: 1 } });
  });

  it('answers ping', async () => {
    expect(await cache.ping()).toBe(true);
  });
});
