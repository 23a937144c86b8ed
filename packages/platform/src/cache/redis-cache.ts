import { createClient } from 'redis';
import type { Cache } from './cache';

export interface RedisCacheOptions {
  /** Prepended to every key so several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
}

const CONNECT_TIMEOUT_MS = 3_000;
const PING_TIMEOUT_MS = 2_000;

function newClient(url: string, wasConnected: () => boolean) {
  return createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Fail fast when Redis is not there at start (a misconfigured CACHE_URL should stop the service),
      // but keep reconnecting once we have been up, so a Redis restart doesn't take the service down.
      reconnectStrategy: (retries, cause) => (wasConnected() ? Math.min(100 * 2 ** retries, 5_000) : cause),
    },
  });
}

// Inferred from the call: `ReturnType<typeof createClient>` is a different instantiation of the generics.
type RedisClient = ReturnType<typeof newClient>;

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** The distributed cache: Redis, values as JSON with a millisecond TTL. */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, options: RedisCacheOptions = {}): Promise<RedisCache> {
    let connected = false;
    const client = newClient(url, () => connected);
    // Without a listener node-redis' connection errors become uncaught exceptions.
    client.on('error', (err: unknown) => {
      if (connected) console.error('[fieldops] redis cache connection error:', err);
    });
    try {
      await client.connect();
      connected = true;
    } catch (err) {
      client.destroy();
      throw new Error(`cannot connect to the cache at ${redact(url)} (CACHE_URL): ${String(err)}`, { cause: err });
    }
    return new RedisCache(client, options.keyPrefix ?? 'fieldops:');
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
    if (!this.client.isReady) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      return (await Promise.race([this.client.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
