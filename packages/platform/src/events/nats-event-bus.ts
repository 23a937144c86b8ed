import { type JetStreamClient, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { ConsumerLeases } from './consumer-lease';
import type { EventEnvelope } from './envelope';
import type { EventBus, Subscription } from './event-bus';
import { runLeasedConsumer } from './nats-consumer-run';
import type { RunningConsumer } from './nats-keyed-delivery';
import { CONNECT_TIMEOUT_MS, durableName, ensureConsumer, ensureStream, leaseStream } from './nats-stream';

export { deleteNatsStream } from './nats-stream';

export interface NatsEventBusOptions {
  /** JetStream stream name; tests use a unique one each. */
  stream?: string;
  /** How long the server waits for an ack before redelivering. */
  ackWaitMs?: number;
  /**
   * First subject token. Streams on one server can't share subjects, so tests that each own a stream need
   * their own prefix; production keeps the default `fieldops`.
   */
  subjectPrefix?: string;
  /** Copies of each stream the bus creates (a 3-node cluster: 3, so losing one node loses nothing acknowledged). */
  replicas?: number;
}

const PING_TIMEOUT_MS = 2_000;
// Short, because after a crash the unacked messages hold back newer ones of the consumer until this passes (see
// RedeliveryBarrier). Queued and slow messages keep theirs with working() heartbeats.
const DEFAULT_ACK_WAIT_MS = 5_000;

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** The distributed bus: NATS JetStream, one durable pull consumer per subscription, run by one instance at a time. */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly running = new Map<string, RunningConsumer>();
  private readonly reconnectListeners = new Set<() => void>();
  private closing = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly ackWaitMs: number,
    private readonly leases: ConsumerLeases,
  ) {
    void this.watchReconnects();
  }

  private async watchReconnects(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'reconnect') for (const listener of this.reconnectListeners) listener();
    }
  }

  static async connect(url: string, options: NatsEventBusOptions = {}): Promise<NatsEventBus> {
    const stream = options.stream ?? 'FIELDOPS';
    const prefix = options.subjectPrefix ?? 'fieldops';
    let nc: NatsConnection;
    try {
      // Reconnect forever once up: a service must ride out a NATS restart rather than lose its consumers.
      nc = await connect({ servers: url.split(','), timeout: CONNECT_TIMEOUT_MS, maxReconnectAttempts: -1 });
    } catch (err) {
      throw new Error(`cannot connect to the event bus at ${redact(url)} (BUS_URL): ${String(err)}`, { cause: err });
    }
    try {
      const jsm = await jetstreamManager(nc);
      const replicas = options.replicas ?? 1;
      await ensureStream(jsm, stream, prefix, replicas);
      const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
      // A crashed holder's consumer stands still until its lease expires, so keep it short; twice ack_wait leaves
      // room for a slow renewal.
      const leases = await ConsumerLeases.open(jsm, leaseStream(stream), `${prefix}_lease`, ackWaitMs * 2, replicas);
      return new NatsEventBus(nc, jsm, jsm.jetstream(), stream, prefix, ackWaitMs, leases);
    } catch (err) {
      await nc.close();
      throw new Error(`event bus at ${redact(url)} (BUS_URL) has no usable JetStream: ${String(err)}`, {
        cause: err,
      });
    }
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    if (this.closing) throw new Error('event bus is closed');
    // Order is kept per subject (ADR 0002): each subject's events go one after another, in the order the outbox
    // wrote them, and the subjects go side by side, so a batch waits for about as many acks as its busiest subject
    // has events instead of one ack per event. A failure fails the batch once every chain has stopped; the relay
    // sends it again and the stream drops what it already holds (`msgID`).
    const chains = new Map<string, EventEnvelope[]>();
    for (const event of events) {
      const chain = chains.get(event.subject);
      if (chain) chain.push(event);
      else chains.set(event.subject, [event]);
    }
    const outcomes = await Promise.allSettled(
      [...chains.values()].map(async (chain) => {
        for (const event of chain) await this.publishOne(event);
      }),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async publishOne(event: EventEnvelope): Promise<void> {
    const h = headers();
    if (event.traceparent) h.set('traceparent', event.traceparent);
    await this.js.publish(`${this.prefix}.${event.type}`, JSON.stringify(event), { msgID: event.id, headers: h });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.closing) throw new Error('event bus is closed');
    if (this.running.has(subscription.consumer)) {
      throw new Error(`consumer "${subscription.consumer}" is already subscribed`);
    }
    const running: RunningConsumer = { subscription, durable: durableName(subscription.consumer) };
    this.running.set(subscription.consumer, running);
    try {
      const spec = { stream: this.stream, prefix: this.prefix, serverVersion: this.nc.info?.version, ackWaitMs: this.ackWaitMs };
      await ensureConsumer(this.jsm, spec, running.durable, subscription.types);
    } catch (err) {
      this.running.delete(subscription.consumer);
      throw err;
    }
    running.loop = runLeasedConsumer(
      {
        js: this.js,
        stream: this.stream,
        prefix: this.prefix,
        ackWaitMs: this.ackWaitMs,
        leases: this.leases,
        closing: () => this.closing,
      },
      running,
    );
  }

  async ping(): Promise<boolean> {
    if (this.nc.isClosed()) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.nc.rtt(), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const runs = [...this.running.values()];
    for (const running of runs) running.messages?.stop();
    await Promise.allSettled(runs.map((r) => r.loop));
    // Drain rather than close so the acks of the last deliveries reach the server.
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}
