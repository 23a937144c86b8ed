import { ConfigError, type PlatformConfig, parseUrlSetting } from '../config/config';
import type { Cache } from './cache';
import { MemcachedCache } from './memcached-cache';
import { MemoryCache } from './memory-cache';
import { MigratingCache } from './migrating-cache';
import { RedisCache } from './redis-cache';

export const CACHE_SCHEMES = ['memory:', 'redis:', 'rediss:', 'memcached:'];

/**
 * `memory:` → in-process LRU; `redis://host:6379[/db]` → Redis; `memcached://host:11211` → memcached;
 * `?keyPrefix=` separates installations. `setting` names the variable in errors.
 */
export async function createCache(url: string, setting = 'CACHE_URL'): Promise<Cache> {
  const parsed = parseUrlSetting(setting, url, CACHE_SCHEMES);
  if (parsed.protocol === 'memory:') return new MemoryCache();
  const keyPrefix = parsed.searchParams.get('keyPrefix') ?? undefined;
  parsed.search = '';
  try {
    if (parsed.protocol === 'memcached:') {
      return await MemcachedCache.connect(parsed.hostname, Number(parsed.port || 11211), { keyPrefix });
    }
    return await RedisCache.connect(parsed.toString(), { keyPrefix });
  } catch (error) {
    throw new ConfigError(setting, (error as Error).message.replace(/ \(CACHE_URL\)/, ''));
  }
}

/**
 * The cache this installation is configured with: `CACHE_URL`, or — while the cache moves to another store —
 * a MigratingCache over `CACHE_URL` (old) and `CACHE_MIGRATION_TARGET_URL` (new) in `CACHE_MIGRATION_PHASE`.
 */
export async function cacheFromConfig(config: PlatformConfig): Promise<Cache> {
  const current = await createCache(config.cacheUrl);
  const migration = config.cacheMigration;
  if (!migration) return current;
  try {
    return new MigratingCache(current, await createCache(migration.targetUrl, 'CACHE_MIGRATION_TARGET_URL'), migration.phase);
  } catch (error) {
    await current.close();
    throw error;
  }
}

/**
 * Pub/sub needs Redis once there is more than one process; memcached has none. While the cache moves to Redis
 * the Redis side carries it; an installation on memcached alone keeps pub/sub in each process.
 */
export function pubSubUrlFromConfig(config: PlatformConfig): string {
  const candidates = [config.cacheUrl, config.cacheMigration?.targetUrl];
  return candidates.find((url) => url !== undefined && /^rediss?:/.test(url)) ?? 'memory:';
}
