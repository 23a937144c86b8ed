import { ConfigError, parseUrlSetting } from '../config/config';
import type { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

/** `memory:` → in-process LRU; `redis://host:6379[/db]` → Redis; `?keyPrefix=` separates installations. */
export async function createCache(url: string): Promise<Cache> {
  const parsed = parseUrlSetting('CACHE_URL', url, ['memory:', 'redis:', 'rediss:']);
  if (parsed.protocol === 'memory:') return new MemoryCache();
  const keyPrefix = parsed.searchParams.get('keyPrefix') ?? undefined;
  parsed.search = '';
  try {
    return await RedisCache.connect(parsed.toString(), { keyPrefix });
  } catch (error) {
    throw new ConfigError('CACHE_URL', (error as Error).message.replace(/ \(CACHE_URL\)/, ''));
  }
}
