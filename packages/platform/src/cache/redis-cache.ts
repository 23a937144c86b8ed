import { connectRedis, pingRedis, type RedisClient } from '../redis/redis-connection';
import type { Cache } from './cache';

export interface RedisCacheOptions {
  /** Prepended to every key so several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
}

/** The distributed cache: Redis, values as JSON with a millisecond TTL. */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, options: RedisCacheOptions = {}): Promise<RedisCache> {
    return new RedisCache(await connectRedis(url, 'cache'), options.keyPrefix ?? 'fieldops:');
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.client.get(this.key(key));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.client.set(this.key(key), JSON.stringify(value), {
      expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
    });
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.key(key));
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const k = this.key(key);
    // One MULTI so concurrent callers can't race between creating the counter and giving it its window;
    // PEXPIRE NX only sets the expiry on the first increment, which makes the window fixed.
    const [count, , ttl] = await this.client
      .multi()
      .incr(k)
      .pExpire(k, Math.max(1, Math.ceil(windowMs)), 'NX')
      .pTTL(k)
      .exec();
    return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
  }

  async ping(): Promise<boolean> {
    return pingRedis(this.client);
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
