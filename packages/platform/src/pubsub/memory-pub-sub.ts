import { dispatch, type PubSub, type PubSubListener } from './pub-sub';

/** The embedded pub/sub: channels within this process; messages arrive asynchronously, as they would from Redis. */
export class MemoryPubSub implements PubSub {
  readonly kind = 'memory' as const;
  private readonly channels = new Map<string, Set<PubSubListener>>();

  async publish(channel: string, message: string): Promise<void> {
    const listeners = this.channels.get(channel);
    if (listeners) queueMicrotask(() => dispatch(listeners, message));
  }

  async subscribe(channel: string, listener: PubSubListener): Promise<() => Promise<void>> {
    let listeners = this.channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.channels.set(channel, listeners);
    }
    // A wrapper per call: the same function subscribed twice is two subscriptions, stopped one at a time.
    const own: PubSubListener = (message) => listener(message);
    listeners.add(own);
    return async () => {
      listeners.delete(own);
      if (listeners.size === 0 && this.channels.get(channel) === listeners) this.channels.delete(channel);
    };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.channels.clear();
  }
}
