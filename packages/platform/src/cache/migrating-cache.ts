import type { Cache } from './cache';

/** The steps of moving the cache from one store to another, in order (see docs/operations.md). */
export const CACHE_MIGRATION_PHASES = ['dual-write-read-old', 'dual-write-read-new', 'single-new'] as const;
export type CacheMigrationPhase = (typeof CACHE_MIGRATION_PHASES)[number];

/**
 * One `Cache` over an old and a new store while the cache moves (memcached → Redis), shaped like the file
 * migration. Dual phases write every value and every counter to both stores and read from the phase's primary,
 * falling back to the other on a miss, so the new store warms up before it serves and either direction of a
 * phase change loses nothing. `single-new` uses the new store only.
 */
export class MigratingCache implements Cache {
  readonly kind = 'migrating' as const;

  constructor(
    readonly oldCache: Cache,
    readonly newCache: Cache,
    readonly phase: CacheMigrationPhase,
  ) {}

  private get readOrder(): Cache[] {
    if (this.phase === 'dual-write-read-old') return [this.oldCache, this.newCache];
    if (this.phase === 'dual-write-read-new') return [this.newCache, this.oldCache];
    return [this.newCache];
  }

  private get writeTargets(): Cache[] {
    return this.phase === 'single-new' ? [this.newCache] : [this.oldCache, this.newCache];
  }

  async get<T>(key: string): Promise<T | undefined> {
    for (const cache of this.readOrder) {
      const found = await cache.get<T>(key);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await Promise.all(this.writeTargets.map((cache) => cache.set(key, value, ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await Promise.all(this.writeTargets.map((cache) => cache.delete(key)));
  }

  /**
   * Both stores count, so a rate limit keeps its count when reads move; the answer is the primary's count. A
   * window that began before dual writes exists only in the old store, so the new store's count runs low for
   * at most one window after the first phase starts.
   */
  async increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const primary = this.readOrder[0] ?? this.newCache;
    const others = this.writeTargets.filter((cache) => cache !== primary);
    const [answer] = await Promise.all([primary.increment(key, windowMs), ...others.map((cache) => cache.increment(key, windowMs))]);
    return answer;
  }

  async ping(): Promise<boolean> {
    const answers = await Promise.all(this.writeTargets.map((cache) => cache.ping()));
    return answers.every(Boolean);
  }

  async close(): Promise<void> {
    await Promise.all([this.oldCache.close(), this.newCache.close()]);
  }
}
