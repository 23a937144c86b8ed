import { connectRedis, pingRedis, type RedisClient } from '../redis/redis-connection';
import { dispatch, type PubSub, type PubSubListener } from './pub-sub';

export interface RedisPubSubOptions {
  /** Prepended to every channel, as the cache's `keyPrefix` is to keys: installations sharing a Redis never cross. */
  keyPrefix?: string;
}

/**
 * The distributed pub/sub: Redis PUBLISH/SUBSCRIBE, so a message published by any process reaches listeners in every
 * process. One connection publishes, one listens (a subscribed connection can do nothing else). Each channel is
 * subscribed on Redis once per process however many listeners it has here; (un)subscribing one channel is serialised,
 * so a listener coming back while the last one's UNSUBSCRIBE is in flight is subscribed again after it.
 */
export class RedisPubSub implements PubSub {
  readonly kind = 'redis' as const;
  private readonly listeners = new Map<string, Set<PubSubListener>>();
  /** The channels subscribed on Redis, and the (un)subscribe in flight for each. */
  private readonly subscribed = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, options: RedisPubSubOptions = {}): Promise<RedisPubSub> {
    const publisher = await connectRedis(url, 'pub/sub');
    try {
      return new RedisPubSub(publisher, await connectRedis(url, 'pub/sub'), options.keyPrefix ?? 'fieldops:');
    } catch (error) {
      publisher.destroy();
      throw error;
    }
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, listener: PubSubListener): Promise<() => Promise<void>> {
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
    }
    const own: PubSubListener = (message) => listener(message);
    listeners.add(own);
    await this.sync(channel);
    return async () => {
      listeners.delete(own);
      if (listeners.size === 0 && this.listeners.get(channel) === listeners) this.listeners.delete(channel);
      await this.sync(channel);
    };
  }

  /** Brings Redis' subscription of `channel` in line with whether anyone here listens, after what is in flight. */
  private sync(channel: string): Promise<void> {
    const previous = this.pending.get(channel) ?? Promise.resolve();
    const next = previous.then(async () => {
      const wanted = this.listeners.has(channel);
      if (wanted === this.subscribed.has(channel)) return;
      const key = this.prefix + channel;
      if (wanted) {
        await this.subscriber.subscribe(key, (message) => dispatch(this.listeners.get(channel), message));
        this.subscribed.add(channel);
      } else {
        this.subscribed.delete(channel);
        await this.subscriber.unsubscribe(key);
      }
    });
    // The chain goes on after a failure (the next sync tries again); the caller still sees this one's.
    const settled = next.catch(() => undefined);
    this.pending.set(channel, settled);
    void settled.then(() => {
      if (this.pending.get(channel) === settled) this.pending.delete(channel);
    });
    return next;
  }

  async ping(): Promise<boolean> {
    return (await pingRedis(this.publisher)) && (await pingRedis(this.subscriber));
  }

  async close(): Promise<void> {
    this.listeners.clear();
    for (const client of [this.subscriber, this.publisher]) if (client.isOpen) await client.close();
  }
}
