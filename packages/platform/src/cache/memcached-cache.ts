import { createHash } from 'node:crypto';
import type { Cache } from './cache';
import { itemsOf, lineOf, MemcachedConnection } from './memcached-connection';

export interface MemcachedCacheOptions {
  /** Prepended to every key so several deployments (or test runs) can share one memcached. */
  keyPrefix?: string;
  now?: () => number;
}

const MAX_RELATIVE_EXPIRY_S = 30 * 24 * 3600;
// memcached keys are at most 250 bytes without spaces or control characters; longer or stranger keys are hashed.
const SAFE_KEY = /^[\x21-\x7e]{1,200}$/;
const MAX_WINDOW_RACES = 50;

/**
 * The cache on memcached (the store many installations run before Redis). memcached expires whole seconds, so
 * each value carries its own expiry in milliseconds and reads honour it: both drivers forget a value at the same
 * moment. memcached's own expiry, a second later, only frees the memory.
 */
export class MemcachedCache implements Cache {
  readonly kind = 'memcached' as const;

  private constructor(
    private readonly connection: MemcachedConnection,
    private readonly prefix: string,
    private readonly now: () => number,
  ) {}

  static async connect(host: string, port: number, options: MemcachedCacheOptions = {}): Promise<MemcachedCache> {
    const connection = await MemcachedConnection.connect(host, port);
    return new MemcachedCache(connection, options.keyPrefix ?? 'fieldops:', options.now ?? Date.now);
  }

  private key(key: string): string {
    const full = this.prefix + key;
    return SAFE_KEY.test(full) ? full : `${this.prefix}sha256:${createHash('sha256').update(key).digest('hex')}`;
  }

  /** memcached's expiry: seconds from now up to 30 days, a Unix time beyond (its own rule). */
  private exptime(expiresAtMs: number): number {
    const seconds = Math.ceil((expiresAtMs - this.now()) / 1000) + 1;
    return seconds <= MAX_RELATIVE_EXPIRY_S ? seconds : Math.ceil(expiresAtMs / 1000) + 1;
  }

  /** `set` always stores, `add` only a missing key, `cas` only if nobody changed the key since `gets`. */
  private store(verb: 'set' | 'add' | 'cas', key: string, data: string, expiresAtMs: number, cas = ''): Promise<string> {
    const line = `${verb} ${key} 0 ${this.exptime(expiresAtMs)} ${Buffer.byteLength(data)}${cas ? ` ${cas}` : ''}`;
    return this.connection.command(line, data).then(lineOf);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const k = this.key(key);
    const item = itemsOf(await this.connection.command(`get ${k}`, undefined, true)).get(k);
    if (!item) return undefined;
    const space = item.value.indexOf(' ');
    if (Number(item.value.slice(0, space)) <= this.now()) return undefined;
    return JSON.parse(item.value.slice(space + 1)) as T;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const expiresAt = this.now() + Math.max(1, Math.ceil(ttlMs));
    await this.store('set', this.key(key), `${expiresAt} ${JSON.stringify(value)}`, expiresAt);
  }

  async delete(key: string): Promise<void> {
    await this.connection.command(`delete ${this.key(key)}`).then(lineOf);
  }

  /**
   * A fixed window without a server-side TTL to read back: the window key holds when the window ends, created
   * with `add` (one caller wins) and renewed with `cas` (one caller wins), and the count lives under a key named
   * for that end, so a new window starts a new counter at zero. `incr` is atomic in memcached.
   */
  async increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const k = this.key(key);
    for (let race = 0; race < MAX_WINDOW_RACES; race++) {
      const now = this.now();
      const window = itemsOf(await this.connection.command(`gets ${k}`, undefined, true)).get(k);
      let endsAt = window ? Number(window.value) : Number.NaN;
      if (!window || !(endsAt > now)) {
        endsAt = now + Math.max(1, Math.ceil(windowMs));
        const stored = window
          ? await this.store('cas', k, String(endsAt), endsAt, window.cas)
          : await this.store('add', k, String(endsAt), endsAt);
        if (stored !== 'STORED') continue;
      }
      const counter = `${k}#${endsAt}`;
      await this.store('add', counter, '0', endsAt);
      const answer = lineOf(await this.connection.command(`incr ${counter} 1`));
      if (answer === 'NOT_FOUND') continue;
      return { count: Number(answer), resetInMs: Math.max(0, endsAt - now) };
    }
    throw new Error(`memcached: could not settle the window of "${key}"`);
  }

  async ping(): Promise<boolean> {
    try {
      return lineOf(await this.connection.command('version')).startsWith('VERSION');
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
