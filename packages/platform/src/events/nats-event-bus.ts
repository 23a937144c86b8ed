import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import { connect, headers, type NatsConnection, nanos } from '@nats-io/transport-node';
import { ConsumerLeases } from './consumer-lease';
import { type EventEnvelope, typeMatches } from './envelope';
import type { EventBus, Subscription } from './event-bus';
import { KeyedQueue } from './keyed-queue';
import { RedeliveryBarrier } from './redelivery-barrier';

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
}

const CONNECT_TIMEOUT_MS = 3_000;
const PING_TIMEOUT_MS = 2_000;
const RETRY_DELAY_MS = 1_000;
const RESTART_DELAY_MS = 1_000;
const DUPLICATE_WINDOW_MS = 120_000;
// Short, because after a crash the unacked messages hold back newer ones of the consumer until this passes (see
// RedeliveryBarrier). Queued and slow messages keep theirs with working() heartbeats.
const DEFAULT_ACK_WAIT_MS = 5_000;
/** Messages delivered and not yet acked per consumer: what is queued in memory at most. */
const MAX_ACK_PENDING = 128;
/** Messages pulled per request; the client pulls again when half are used. */
const FETCH_BATCH = 64;
/**
 * Handlers running at once per consumer, each on a different subject. Each holds a database connection for its
 * transaction, so stay below the pool (10 by default) and leave connections for requests and writes.
 */
const MAX_CONCURRENT_HANDLERS = 8;

/** Maps a subscription pattern (`a.b.c.v1`, `a.b.*`, `*`) to a NATS subject. */
export function subjectForPattern(prefix: string, pattern: string): string {
  if (pattern === '*') return `${prefix}.>`;
  if (pattern.endsWith('.*')) return `${prefix}.${pattern.slice(0, -2)}.>`;
  return `${prefix}.${pattern}`;
}

/** The server rejects overlapping consumer filters, so drop subjects another `>` filter already covers. */
function filterSubjects(prefix: string, patterns: string[]): string[] {
  const subjects = [...new Set(patterns.map((p) => subjectForPattern(prefix, p)))];
  const wildcards = subjects.filter((s) => s.endsWith('.>'));
  return subjects.filter((s) => !wildcards.some((w) => w !== s && s.startsWith(w.slice(0, -1)))).sort();
}

/** Durable names may not contain `.`, `*`, `>`, `/`, `\` or whitespace. */
export function durableName(consumer: string): string {
  return consumer.replace(/[.*>/\\\s]/g, '_');
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.type === 'string' && typeof v.subject === 'string';
}

/** Multiple filter subjects per consumer arrived in nats-server 2.10. */
function supportsMultipleFilters(version: string | undefined): boolean {
  const [major = 0, minor = 0] = (version ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/** Where the consumers' leases of a stream live. */
function leaseStream(stream: string): string {
  return `${stream}_LEASES`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A received message waiting on its subject's chain. */
interface Pending {
  msg: JsMsg;
  event: EventEnvelope;
  key: string;
  keepAlive: NodeJS.Timeout;
}

interface Running {
  subscription: Subscription;
  durable: string;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
  /** Another instance may be taking over: stop consuming and hand back what has not started. */
  leaseLost: boolean;
}

/** The distributed bus: NATS JetStream, one durable pull consumer per subscription, run by one instance at a time. */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly running = new Map<string, Running>();
  private closing = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly ackWaitMs: number,
    private readonly leases: ConsumerLeases,
  ) {}

  static async connect(url: string, options: NatsEventBusOptions = {}): Promise<NatsEventBus> {
    const stream = options.stream ?? 'FIELDOPS';
    const prefix = options.subjectPrefix ?? 'fieldops';
    let nc: NatsConnection;
    try {
      // Reconnect forever once up: a service must ride out a NATS restart rather than lose its consumers.
      nc = await connect({ servers: url, timeout: CONNECT_TIMEOUT_MS, maxReconnectAttempts: -1 });
    } catch (err) {
      throw new Error(`cannot connect to the event bus at ${redact(url)} (BUS_URL): ${String(err)}`, { cause: err });
    }
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStream(jsm, stream, prefix);
      const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
      // A crashed holder's consumer stands still until its lease expires, so keep it short; twice ack_wait leaves
      // room for a slow renewal.
      const leases = await ConsumerLeases.open(jsm, leaseStream(stream), `${prefix}_lease`, ackWaitMs * 2);
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
    // Sequential on purpose: the stream then holds the events in the order the outbox wrote them.
    for (const event of events) {
      const h = headers();
      if (event.traceparent) h.set('traceparent', event.traceparent);
      await this.js.publish(`${this.prefix}.${event.type}`, JSON.stringify(event), {
        msgID: event.id,
        headers: h,
      });
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.closing) throw new Error('event bus is closed');
    if (this.running.has(subscription.consumer)) {
      throw new Error(`consumer "${subscription.consumer}" is already subscribed`);
    }
    const running: Running = { subscription, durable: durableName(subscription.consumer), leaseLost: false };
    this.running.set(subscription.consumer, running);
    try {
      await this.ensureConsumer(running.durable, subscription.types);
    } catch (err) {
      this.running.delete(subscription.consumer);
      throw err;
    }
    running.loop = this.run(running);
  }

  private async ensureConsumer(durable: string, types: string[]): Promise<void> {
    const subjects = filterSubjects(this.prefix, types);
    // Older servers get no server-side filter; `deliver` skips other types, so only efficiency suffers.
    const filters = supportsMultipleFilters(this.nc.info?.version) ? subjects : [];
    const wanted: Partial<ConsumerConfig> = {
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: -1,
      // Order within a subject is kept in process (see `session`), so many messages may be unacked at once.
      max_ack_pending: MAX_ACK_PENDING,
      ...(filters.length > 0 ? { filter_subjects: filters } : {}),
    };
    let existing: ConsumerConfig | undefined;
    try {
      existing = (await this.jsm.consumers.info(this.stream, durable)).config;
    } catch (err) {
      if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
    }
    if (!existing) {
      await this.jsm.consumers.add(this.stream, {
        ...wanted,
        durable_name: durable,
        deliver_policy: DeliverPolicy.All,
        ack_policy: AckPolicy.Explicit,
      });
      return;
    }
    const current = existing.filter_subjects ?? (existing.filter_subject ? [existing.filter_subject] : []);
    const changed =
      [...current].sort().join(',') !== filters.join(',') ||
      existing.ack_wait !== wanted.ack_wait ||
      existing.max_deliver !== wanted.max_deliver ||
      existing.max_ack_pending !== wanted.max_ack_pending;
    if (changed) {
      // `update` merges into the current config, so clear the filter form we don't use.
      await this.jsm.consumers.update(this.stream, durable, {
        ...wanted,
        filter_subject: undefined,
        filter_subjects: filters.length > 0 ? filters : undefined,
      });
    }
  }

  /** Keeps the consumer running until close; `consume` can end on its own (e.g. consumer deleted), so restart it. */
  private async run(running: Running): Promise<void> {
    const queue = new KeyedQueue(MAX_ACK_PENDING, MAX_CONCURRENT_HANDLERS, (err) =>
      console.error(`[fieldops] consumer ${running.durable} delivery failed:`, err),
    );
    while (!this.closing) {
      let lease: { release(): Promise<void> } | undefined;
      try {
        const sequence = await this.takeLease(running.durable);
        if (sequence === undefined) break;
        running.leaseLost = false;
        lease = this.leases.hold(running.durable, sequence, () => {
          console.error(`[fieldops] consumer ${running.durable} lost its lease, stopping`);
          running.leaseLost = true;
          running.messages?.stop();
        });
        await this.session(running, queue);
      } catch (err) {
        if (!this.closing) console.error(`[fieldops] consumer ${running.durable} stopped, restarting:`, err);
      }
      // Whatever was queued settles (acked, or nak'd when closing) before another session or instance takes over.
      await queue.idle();
      await lease?.release();
      if (!this.closing) await sleep(RESTART_DELAY_MS);
    }
  }

  /** Waits until this instance holds the consumer's lease; answers nothing if the bus closes first. */
  private async takeLease(durable: string): Promise<number | undefined> {
    while (!this.closing) {
      const sequence = await this.leases.tryTake(durable);
      if (sequence !== undefined) return sequence;
      await sleep(this.leases.ttlMs / 4);
    }
    return undefined;
  }

  /**
   * One `consume` session. Messages run concurrently across CloudEvents subjects and in stream order within one:
   * each goes on its subject's chain in the keyed queue as it arrives, and the server hands them out in stream
   * order (redeliveries first), so a subject's chain holds its events in publish order. A message is acked only
   * after its handler committed, and a later message of the same subject starts only after that.
   */
  private async session(running: Running, queue: KeyedQueue): Promise<void> {
    const consumer = await this.js.consumers.get(this.stream, running.durable);
    const info = await consumer.info();
    const barrier = new RedeliveryBarrier(info.delivered.stream_seq, info.num_ack_pending, this.ackWaitMs * 2);
    const held: Pending[] = [];
    const enqueue = (pending: Pending) => queue.push(pending.key, () => this.deliver(running, pending));
    const heldFlushed = barrier.lifted.then(async () => {
      for (const pending of held.splice(0)) await enqueue(pending);
    });
    const messages = await consumer.consume({ max_messages: FETCH_BATCH });
    running.messages = messages;
    if (this.closing || running.leaseLost) messages.stop();
    try {
      for await (const msg of messages) {
        if (this.closing || running.leaseLost) {
          // Hand it straight back so the next instance need not wait out ack_wait.
          msg.nak();
          break;
        }
        const pending = this.receive(msg);
        if (!pending) continue;
        if (barrier.holds(msg.seq)) {
          held.push(pending);
          continue;
        }
        if (barrier.isRedelivery(msg.seq)) barrier.receivedRedelivery(msg.seq);
        else await heldFlushed;
        await enqueue(pending);
      }
    } finally {
      barrier.open();
      await heldFlushed;
    }
  }

  /** Parses a message and keeps it alive; answers what to queue, or nothing when it was malformed (and terminated). */
  private receive(msg: JsMsg): Pending | undefined {
    let event: unknown;
    try {
      event = msg.json<unknown>();
    } catch {
      event = undefined;
    }
    if (!isEnvelope(event)) {
      console.error(`[fieldops] malformed event on ${msg.subject} (stream seq ${msg.seq}), terminating it`);
      // No reason text: nats-server before 2.10 ignores `+TERM <reason>`, leaving the message to block the consumer.
      msg.term();
      return undefined;
    }
    // Queued messages must not look dead: without this the server redelivers after ack_wait while they wait or run.
    const keepAlive = setInterval(() => msg.working(), Math.max(500, this.ackWaitMs / 2));
    return { msg, event, key: event.subject, keepAlive };
  }

  /**
   * Applies one event and acks it. A throw from `handle` means the handler's own dependencies are down (the consumer
   * layer already retried and dead-lettered what the event itself caused), so it is retried here, keeping the
   * message, rather than nak'd: a nak'd message comes back after messages delivered since, so a later event of its
   * subject would be applied first. Holding it keeps its subject's later events queued behind it, while other
   * subjects go on. On close, or once the lease is lost, it is nak'd, and so are the later ones of its subject, in
   * order.
   */
  private async deliver(running: Running, { msg, event, keepAlive }: Pending): Promise<void> {
    const { subscription } = running;
    try {
      if (!subscription.types.some((pattern) => typeMatches(pattern, event.type))) {
        msg.ack();
        return;
      }
      while (!this.closing && !running.leaseLost) {
        try {
          await subscription.handle(event);
          msg.ack();
          return;
        } catch (err) {
          console.error(`[fieldops] ${subscription.consumer} failed on event ${event.id}, retrying:`, err);
          await sleep(RETRY_DELAY_MS);
        }
      }
      msg.nak();
    } finally {
      clearInterval(keepAlive);
    }
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

async function ensureStream(jsm: JetStreamManager, stream: string, prefix: string): Promise<void> {
  try {
    await jsm.streams.info(stream);
    return;
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
  }
  try {
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  } catch (err) {
    // Another instance may have created it in the meantime; that's as good as ours.
    await jsm.streams.info(stream).catch(() => {
      throw err;
    });
  }
}

/** Deletes a stream if it exists (test clean-up). */
export async function deleteNatsStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: CONNECT_TIMEOUT_MS });
  try {
    const jsm = await jetstreamManager(nc);
    for (const name of [stream, leaseStream(stream)]) {
      await jsm.streams.delete(name).catch((err: unknown) => {
        if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
      });
    }
  } finally {
    await nc.close();
  }
}
