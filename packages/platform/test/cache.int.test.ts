import { engineAvailable, engineUrls, eventually, memcachedAvailable, startMemcached } from '@fieldops/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../src/cache/cache';
import { createCache } from '../src/cache/create-cache';
import { MemcachedCache } from '../src/cache/memcached-cache';
import { MemoryCache } from '../src/cache/memory-cache';
import { MigratingCache } from '../src/cache/migrating-cache';
import { RedisCache } from '../src/cache/redis-cache';
import { ConfigError } from '../src/config/config';

interface Driver {
  name: string;
  open(keyPrefix: string): Promise<Cache>;
}

const drivers: Driver[] = [{ name: 'memory', open: async () => new MemoryCache() }];
const redisUp = await engineAvailable('redis');
if (redisUp) {
  drivers.push({ name: 'redis', open: (keyPrefix) => RedisCache.connect(engineUrls.redis, { keyPrefix }) });
}
const memcached = memcachedAvailable() ? await startMemcached() : undefined;
afterAll(() => memcached?.stop());
if (memcached) {
  const { hostname, port } = new URL(memcached.url);
  const memcachedCache = (keyPrefix: string) => MemcachedCache.connect(hostname, Number(port), { keyPrefix });
  drivers.push({ name: 'memcached', open: memcachedCache });
  // The migrating cache must behave as one cache in every phase: both halves on memcached keeps it engine-light.
  for (const phase of ['dual-write-read-old', 'dual-write-read-new', 'single-new'] as const) {
    drivers.push({
      name: `migrating (${phase})`,
      open: async (keyPrefix) =>
        new MigratingCache(await memcachedCache(`${keyPrefix}${phase}:old:`), await memcachedCache(`${keyPrefix}${phase}:new:`), phase),
    });
  }
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

describe.runIf(memcached)('memcached driver', () => {
  it('keeps keys with spaces, non-ASCII and great length apart', async () => {
    const cache = await createCache(`${memcached?.url}?keyPrefix=${runPrefix}odd:`);
    const keys = ['with space', '商户:上海', 'x'.repeat(400), `${'x'.repeat(399)}y`];
    await Promise.all(keys.map((key, n) => cache.set(key, n, MINUTE)));
    expect(await Promise.all(keys.map((key) => cache.get(key)))).toEqual([0, 1, 2, 3]);
    await cache.close();
  });

  it('names CACHE_URL when memcached does not answer at start', async () => {
    await expect(createCache('memcached://127.0.0.1:1')).rejects.toBeInstanceOf(ConfigError);
    await expect(createCache('memcached://127.0.0.1:1')).rejects.toThrow(/^CACHE_URL: /);
  });
});

// memcached → Redis, the move the phases are for: each phase answers from the right store and feeds the other.
describe.runIf(memcached && redisUp)('cache migration memcached → Redis', () => {
  const opened: Cache[] = [];
  const open = async (url: string, prefix: string) => {
    const cache = await createCache(`${url}?keyPrefix=${runPrefix}move:${prefix}`);
    opened.push(cache);
    return cache;
  };
  afterAll(async () => {
    await Promise.all(opened.map((cache) => cache.close()));
  });

  it('walks dual-write-read-old → dual-write-read-new → single-new without losing a value or a count', async () => {
    const oldCache = await open(memcached?.url ?? '', 'walk:');
    const newCache = await open(engineUrls.redis, 'walk:');
    await oldCache.set('before-the-move', 'old-only', MINUTE);

    const readOld = new MigratingCache(oldCache, newCache, 'dual-write-read-old');
    expect(await readOld.get('before-the-move')).toBe('old-only');
    await readOld.set('session', { user: 'ada' }, MINUTE);
    expect(await newCache.get('session')).toEqual({ user: 'ada' });
    expect(await oldCache.get('session')).toEqual({ user: 'ada' });
    await oldCache.set('session', { user: 'old-wins-while-reading-old' }, MINUTE);
    expect(await readOld.get('session')).toEqual({ user: 'old-wins-while-reading-old' });
    expect((await readOld.increment('limit', MINUTE)).count).toBe(1);

    const readNew = new MigratingCache(oldCache, newCache, 'dual-write-read-new');
    expect(await readNew.get('session')).toEqual({ user: 'ada' });
    // A value only the old store holds is still found while the new one warms up.
    expect(await readNew.get('before-the-move')).toBe('old-only');
    expect((await readNew.increment('limit', MINUTE)).count).toBe(2);
    await readNew.delete('session');
    expect(await oldCache.get('session')).toBeUndefined();
    await readNew.set('back-again', 1, MINUTE);
    // Going back a phase loses nothing: the old store got every write.
    expect(await new MigratingCache(oldCache, newCache, 'dual-write-read-old').get('back-again')).toBe(1);
    expect((await oldCache.increment('limit', MINUTE)).count).toBe(3);

    const single = new MigratingCache(oldCache, newCache, 'single-new');
    expect(await single.get('before-the-move')).toBeUndefined();
    expect((await single.increment('limit', MINUTE)).count).toBe(3);
    await single.set('after', 'new-only', MINUTE);
    expect(await oldCache.get('after')).toBeUndefined();
    expect(await newCache.get('after')).toBe('new-only');
  });
});
