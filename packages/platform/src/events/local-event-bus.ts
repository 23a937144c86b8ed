import type { EventEnvelope } from './envelope';
import { typeMatches } from './envelope';
import type { EventBus, Subscription } from './event-bus';

/**
 * The in-process bus of embedded mode. It keeps nothing itself: the publishing service's outbox is the log.
 * `publish` resolves after every matching subscriber has handled the events, so the relay marks a row published
 * only once it was delivered; a crash before that leaves the row unpublished and it is delivered again at start.
 */
export class LocalEventBus implements EventBus {
  readonly kind = 'local' as const;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  async publish(events: EventEnvelope[], signal?: AbortSignal): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const delivery = this.deliver(events, signal);
    this.inFlight.add(delivery);
    try {
      await delivery;
    } finally {
      this.inFlight.delete(delivery);
    }
  }

  /**
   * Subscribers are independent: each gets its events of the batch at once, in publish order. An aborted `signal`
   * stops each between two commits. The delivery ends when every subscriber's has: a stop that goes on to close the
   * databases must find no handler still running.
   */
  private async deliver(events: EventEnvelope[], signal?: AbortSignal): Promise<void> {
    const outcomes = await Promise.allSettled(
      this.subscriptions.map(async (subscription) => {
        const mine = events.filter((event) => subscription.types.some((pattern) => typeMatches(pattern, event.type)));
        if (mine.length === 0) return;
        if (subscription.handleBatch) return subscription.handleBatch(mine, undefined, signal);
        for (const event of mine) {
          signal?.throwIfAborted();
          await subscription.handle(event);
        }
      }),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.subscriptions.some((s) => s.consumer === subscription.consumer)) {
      throw new Error(`consumer "${subscription.consumer}" is already subscribed`);
    }
    this.subscriptions.push(subscription);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  /** In-process: never away. */
  onReconnect(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }
}
