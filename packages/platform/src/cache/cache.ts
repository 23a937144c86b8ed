/** The cache port: a shared key-value store with expiry. Values are JSON-serialisable. */
export interface Cache {
  readonly kind: 'memory' | 'redis' | 'memcached' | 'migrating';
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to a counter that lives for `windowMs` from its first increment (fixed window); answers the new
   * count and how long until the window resets. Rate limits are built on this.
   */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
