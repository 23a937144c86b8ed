import type { EventEnvelope } from './envelope';

/**
 * Throws `LeaseLapsedError` when this instance may no longer apply the consumer's events: its lease may have passed
 * to another instance. A consumer calls it last thing before its transaction commits, so an instance that was paused
 * mid-handler rolls back instead of committing after another instance took over (and applied later events).
 */
export type DeliveryFence = () => void;

export class LeaseLapsedError extends Error {
  constructor(consumer: string) {
    super(`consumer ${consumer} may have passed to another instance; not committing`);
    this.name = 'LeaseLapsedError';
  }
}

/** Handles one delivered event; resolving acknowledges it, rejecting asks for redelivery. */
export type DeliveryHandler = (event: EventEnvelope, fence?: DeliveryFence) => Promise<void>;

export interface Subscription {
  /** Durable consumer name, unique across the system, e.g. `search.merchant-projection`. */
  consumer: string;
  /** Event types, exact or with a trailing `.*` wildcard. */
  types: string[];
  handle: DeliveryHandler;
  /**
   * Handles several events at once, in the order given (a bus that has a batch in hand — the in-process one —
   * uses it): a consumer commits them together, one wait for the disk instead of one per event. An aborted `signal`
   * stops it between two commits, rejecting: the rest comes again.
   */
  handleBatch?: (events: EventEnvelope[], fence?: DeliveryFence, signal?: AbortSignal) => Promise<void>;
  /**
   * Whether this event can be committed together with others by `handleBatch` (its handler writes in one step).
   * An event that reads elsewhere first, or may wait for another, is delivered on its own, so it never holds other
   * records' events back.
   */
  batchable?: (event: EventEnvelope) => boolean;
}

/**
 * The event bus port. `publish` resolves only when the events are durable on the bus (or, for the
 * in-process bus, handled by every subscriber): the relay marks outbox rows published after that.
 */
export interface EventBus {
  readonly kind: 'local' | 'nats';
  /**
   * `signal` ends a publish early (a stop): the in-process bus stops delivering between two events and rejects, so
   * the batch stays unmarked and comes again at the next start, where the inboxes skip what was already applied.
   */
  publish(events: EventEnvelope[], signal?: AbortSignal): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** Whether the bus server answers (for `/readyz`). */
  ping(): Promise<boolean>;
  /**
   * Calls `listener` each time the bus server is reachable again after it was away (never, for a bus that cannot go
   * away); answers a function that stops the calls.
   */
  onReconnect(listener: () => void): () => void;
  /** Stops delivering, waits for deliveries in flight, and closes connections. */
  close(): Promise<void>;
}
