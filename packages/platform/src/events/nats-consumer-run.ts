import type { ConsumerLeases } from './consumer-lease';
import { KeyedBatches } from './keyed-batches';
import { type DeliveryContext, deliverBatch, type Pending, type RunningConsumer, session, sleep } from './nats-keyed-delivery';
import { MAX_ACK_PENDING } from './nats-stream';

// Consumer leases: one instance at a time runs a durable consumer; the others wait for its lease.

const RESTART_DELAY_MS = 1_000;
/**
 * Batches running at once per consumer, each on different subjects. Each holds a database connection for its
 * transaction, so stay below the pool (10 by default) and leave connections for requests and writes.
 */
const MAX_CONCURRENT_BATCHES = 8;
/** Events one batch commits together at most: enough to make a backlog cheap, few enough to keep locks short. */
const MAX_BATCH = 32;

/** Keeps the consumer running until close; `consume` can end on its own (e.g. consumer deleted), so restart it. */
export async function runLeasedConsumer(bus: DeliveryContext & { leases: ConsumerLeases }, running: RunningConsumer): Promise<void> {
  const queue = new KeyedBatches<Pending>(
    { maxQueued: MAX_ACK_PENDING, maxRunning: MAX_CONCURRENT_BATCHES, maxBatch: MAX_BATCH },
    (batch) => deliverBatch(bus, running, batch),
    (err) => console.error(`[fieldops] consumer ${running.durable} delivery failed:`, err),
    (pending) => running.subscription.batchable?.(pending.event) ?? false,
  );
  // When the consumer last began to fail: while the bus is away every attempt fails the same way, and one line per
  // consumer per second (each with its stack) would bury the log and load a machine that is busy recovering.
  let failingSince: number | undefined;
  while (!bus.closing()) {
    try {
      const taken = await takeLease(bus, running.durable);
      if (taken === undefined) break;
      if (failingSince !== undefined) {
        console.error(`[fieldops] consumer ${running.durable} running again after ${((Date.now() - failingSince) / 1000).toFixed(1)} s`);
        failingSince = undefined;
      }
      running.lease = bus.leases.hold(
        running.durable,
        taken.sequence,
        () => {
          console.error(`[fieldops] consumer ${running.durable} lost its lease, stopping`);
          running.messages?.stop();
        },
        taken.sentAt,
      );
      await session(bus, running, queue);
    } catch (err) {
      if (!bus.closing() && failingSince === undefined) {
        failingSince = Date.now();
        console.error(`[fieldops] consumer ${running.durable} stopped, retrying every ${RESTART_DELAY_MS} ms:`, err);
      }
    }
    // Whatever was queued settles (acked, or nak'd when closing) before another session or instance takes over.
    await queue.idle();
    await running.lease?.release();
    running.lease = undefined;
    if (!bus.closing()) await sleep(RESTART_DELAY_MS);
  }
}

/**
 * Waits until this instance holds the consumer's lease; answers its sequence and when the taking was sent (the
 * lease's freshness counts from then), or nothing if the bus closes first.
 */
async function takeLease(
  bus: { leases: ConsumerLeases; closing(): boolean },
  durable: string,
): Promise<{ sequence: number; sentAt: number } | undefined> {
  while (!bus.closing()) {
    const sentAt = Date.now();
    const sequence = await bus.leases.tryTake(durable);
    if (sequence !== undefined) return { sequence, sentAt };
    await sleep(bus.leases.ttlMs / 4);
  }
  return undefined;
}
