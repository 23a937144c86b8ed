/** Receives each message published on a channel it listens to. */
export type PubSubListener = (message: string) => void;

/**
 * The pub/sub port: fire-and-forget messages to whoever listens on a channel right now, in this process (memory)
 * or in every process sharing the server (Redis). Nothing is kept: a listener that is not subscribed when a message
 * is published, or whose connection drops, misses it, so a message may signal but never be the only record.
 */
export interface PubSub {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once messages published from then on reach `listener`; answers the function that stops it. */
  subscribe(channel: string, listener: PubSubListener): Promise<() => Promise<void>>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Hands a message to each listener; one that throws does not keep it from the others. */
export function dispatch(listeners: Iterable<PubSubListener> | undefined, message: string): void {
  for (const listener of [...(listeners ?? [])]) {
    try {
      listener(message);
    } catch (error) {
      console.error('[fieldops] a pub/sub listener failed:', error);
    }
  }
}
