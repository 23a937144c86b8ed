import { parseUrlSetting } from '../config/config';
import type { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

/** `memory:` → in-process LRU; `redis://host:6379` → Redis. */
export async function createCache(url: string): Promise<Cache> {
  const parsed = parseUrlSetting('CACHE_URL', url, ['memory:', 'redis:', 'rediss:']);
  if (parsed.protocol === 'memory:') return new MemoryCache();
  return RedisCache.connect(url);
}
