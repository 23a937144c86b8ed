import { ConfigError, parseUrlSetting } from '../config/config';
import { MemoryPubSub } from './memory-pub-sub';
import type { PubSub } from './pub-sub';
import { RedisPubSub } from './redis-pub-sub';

/**
 * Pub/sub goes where the cache goes (`CACHE_URL`): `memory:` keeps it in this process, which is all an embedded
 * install has; `redis://…` reaches every replica. `?keyPrefix=` prefixes channels as it prefixes cache keys.
 */
export async function createPubSub(url: string): Promise<PubSub> {
  const parsed = parseUrlSetting('CACHE_URL', url, ['memory:', 'redis:', 'rediss:']);
  if (parsed.protocol === 'memory:') return new MemoryPubSub();
  const keyPrefix = parsed.searchParams.get('keyPrefix') ?? undefined;
  parsed.search = '';
  try {
    return await RedisPubSub.connect(parsed.toString(), { keyPrefix });
  } catch (error) {
    throw new ConfigError('CACHE_URL', (error as Error).message.replace(/ \(CACHE_URL\)/, ''));
  }
}
