import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { HeldLease } from './consumer-lease';
import { type EventEnvelope, typeMatches } from './envelope';
import { LeaseLapsedError, type Subscription } from './event-bus';
import type { KeyedBatches } from './keyed-batches';
import { RedeliveryBarrier } from './redelivery-barrier';

// Keyed delivery: one consumer's messages applied concurrently across CloudEvents subjects, in order within one,
// in batches when they pile up.

const RETRY_DELAY_MS = 1_000;
/** Messages pulled per request; the client pulls again when half are used. */
const FETCH_BATCH = 64;
/**
 * How long one pull request lives on the server (the client's default is 30 s). It also paces the client's recovery:
 * after a reconnect it checks the consumer again, and while the broker cannot answer yet (a cluster electing its
 * leaders) it waits 0.5–1.5 times this between checks; heartbeats (every half of it) missed twice re-pull. A cluster
 * that was restarted drops the first pulls of many consumers while their leaders settle: each waits until it has missed
 * two heartbeats, and may lose the next pull too. With the default, deliveries resumed 15–45 s after the cluster was
 * back; with 5 s, consumers still stood 5–11 s without a message; with 2 s a lost pull is sent again after 2 s, and
 * an idle consumer costs one pull every 2 s.
 */
const PULL_EXPIRES_MS = 2_000;

/** What delivery needs of the bus: where to read, how long acks may wait, and whether it is closing. */
export interface DeliveryContext {
  js: JetStreamClient;
  stream: string;
  /** The subjects' first token: a message's subject is `<prefix>.<event type>`. */
  prefix: string;
  ackWaitMs: number;
  closing(): boolean;
}

export interface RunningConsumer {
  subscription: Subscription;
  durable: string;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
  /**
   * The lease this instance consumes under; once it is not fresh (lost, or it may have lapsed) another instance may be
   * taking over: stop consuming and hand back what has not started. Checked before each event and each commit.
   */
  lease?: HeldLease;
}

/** Whether this instance may go on applying the consumer's events. */
function mayApply(bus: DeliveryContext, running: RunningConsumer): boolean {
  return !bus.closing() && running.lease?.fresh() === true;
}

/** A received message waiting on its subject's chain. */
export interface Pending {
  msg: JsMsg;
  event: EventEnvelope;
  key: string;
  keepAlive: NodeJS.Timeout;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.type === 'string' && typeof v.subject === 'string';
}

/**
 * One `consume` session. Messages run concurrently across CloudEvents subjects and in stream order within one:
 * each goes into the keyed batches as it arrives, and the server hands them out in stream order (redeliveries
 * first), so a subject's messages wait in publish order. A message is acked only after its batch committed, and a
 * later message of the same subject starts only after that.
 *
 * A session that starts with messages outstanding (delivered to an instance that crashed, was paused, or lost its
 * lease) holds everything it receives until each outstanding message came back, then queues them all in stream
 * order: the previous holder may still have pulled some of them and handed them back late, after later ones of
 * their subject reached this session.
 */
export async function session(bus: DeliveryContext, running: RunningConsumer, queue: KeyedBatches<Pending>): Promise<void> {
  const consumer = await bus.js.consumers.get(bus.stream, running.durable);
  const info = await consumer.info();
  const barrier = new RedeliveryBarrier(info.delivered.stream_seq, info.num_ack_pending, bus.ackWaitMs * 2);
  const held: Pending[] = [];
  const enqueue = (pending: Pending) => queue.push(pending);
  const heldFlushed = barrier.lifted.then(async () => {
    for (const pending of held.splice(0).sort((a, b) => a.msg.seq - b.msg.seq)) await enqueue(pending);
  });
  const subscribed = (msg: JsMsg) => {
    const type = msg.subject.slice(bus.prefix.length + 1);
    return running.subscription.types.some((pattern) => typeMatches(pattern, type));
  };
  const messages = await consumer.consume({ max_messages: FETCH_BATCH, expires: PULL_EXPIRES_MS });
  running.messages = messages;
  if (!mayApply(bus, running)) messages.stop();
  try {
    for await (const msg of messages) {
      if (!mayApply(bus, running)) {
        // Hand it straight back so the next instance need not wait out ack_wait.
        msg.nak();
        break;
      }
      // Counted first: an outstanding message comes back whatever it turns out to be.
      const holding = barrier.holds();
      barrier.received(msg.seq);
      if (!subscribed(msg)) {
        // A type the consumer's filter let through (an older server takes one covering subject): nothing to apply.
        msg.ack();
        continue;
      }
      const pending = receive(bus, msg);
      if (!pending) continue;
      if (holding) {
        held.push(pending);
        continue;
      }
      await heldFlushed;
      await enqueue(pending);
    }
  } finally {
    barrier.open();
    await heldFlushed;
  }
}

/** Parses a message and keeps it alive; answers what to queue, or nothing when it was malformed (and terminated). */
function receive(bus: DeliveryContext, msg: JsMsg): Pending | undefined {
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
  const keepAlive = setInterval(() => msg.working(), Math.max(500, bus.ackWaitMs / 2));
  return { msg, event, key: event.subject, keepAlive };
}

/**
 * Applies a batch of events (the consumer commits what it can together) and acks them. A throw from the handler
 * means the handler's own dependencies are down (the consumer layer already retried and dead-lettered what an event
 * itself caused), so the batch is retried here, keeping the messages, rather than nak'd: a nak'd message comes back
 * after messages delivered since, so a later event of its subject would be applied first. Holding them keeps their
 * subjects' later events waiting, while other subjects go on; the inbox makes the events a retry applied before
 * no-ops. On close, or once the lease is lost or may have lapsed, they are nak'd, and so are the later ones of their
 * subjects, in order; the handler's commit is fenced by the same check (see DeliveryFence).
 */
export async function deliverBatch(bus: DeliveryContext, running: RunningConsumer, batch: Pending[]): Promise<void> {
  const { subscription } = running;
  const fence = () => {
    if (!mayApply(bus, running)) throw new LeaseLapsedError(subscription.consumer);
  };
  try {
    while (mayApply(bus, running)) {
      try {
        const events = batch.map((pending) => pending.event);
        if (events.length > 1 && subscription.handleBatch) await subscription.handleBatch(events, fence);
        else for (const event of events) await subscription.handle(event, fence);
        for (const pending of batch) pending.msg.ack();
        return;
      } catch (err) {
        if (err instanceof LeaseLapsedError) break;
        console.error(`[fieldops] ${subscription.consumer} failed on events ${batch.map((p) => p.event.id).join(', ')}, retrying:`, err);
        await sleep(RETRY_DELAY_MS);
      }
    }
    for (const pending of batch) pending.msg.nak();
  } finally {
    for (const pending of batch) clearInterval(pending.keepAlive);
  }
}
