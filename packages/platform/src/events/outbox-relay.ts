import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Dialect } from '../db/column-types';
import { HeldLease } from '../db/lease';
import type { PlatformTables } from '../db/platform-tables';
import { withoutDiskWait } from '../db/without-disk-wait';
import { businessLabels } from '../observability/business-metrics';
import type { Metrics } from '../observability/metrics';
import { inPublishSpans } from '../observability/telemetry';
import type { EventEnvelope } from './envelope';
import type { EventBus } from './event-bus';

export interface RelayOptions {
  service: string;
  db: Kysely<PlatformTables>;
  dialect: Dialect;
  bus: EventBus;
  log: Logger;
  metrics?: Metrics;
  /** The safety-net poll; commits wake the relay at once. */
  pollMs?: number;
  batchSize?: number;
  now?: () => number;
}

/** What the host asks of an outbox relay, however it learns of new rows. */
export interface Relay {
  start(): void;
  /** Called after a transaction that appended events commits. */
  wake(): void;
  /**
   * Publishes what is unpublished while `more()` allows; answers how many events went out. An aborted `signal` ends
   * it early, between two events on the in-process bus (what it did not mark goes out at the next start).
   */
  drain(more?: () => boolean, signal?: AbortSignal): Promise<number>;
  /** Stops publishing: on the network bus after the batch in flight, on the in-process one between two events. */
  stop(): Promise<void>;
}

/**
 * The longest wait between two tries of a failing relay. The relay also tries again as soon as the bus reconnects,
 * but a broker that is back may refuse publishes until its streams have a leader again: what it refused then must go
 * out seconds after, not after a backoff grown during a long outage.
 */
export const MAX_RETRY_DELAY_MS = 5_000;

/** The wait before the next try: the poll interval, or a backoff after `failures` failed tries in a row. */
export function relayDelayMs(pollMs: number, failures: number): number {
  return failures > 0 ? Math.min(pollMs * 2 ** failures, MAX_RETRY_DELAY_MS) : pollMs;
}

/**
 * Publishes a service's outbox in commit order and marks rows published only after the bus took them, so a
 * crash between commit and publish loses nothing: the rows are still unpublished at the next start (the bus
 * and the consumers' inboxes drop the duplicates a crash after publish can cause). One replica relays at a time.
 */
export class OutboxRelay implements Relay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pending = false;
  /** When the backlog gauges were last read from the table (a count per wake would cost as much as the publish). */
  private backlogReadAt = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private stopWatchingBus: (() => void) | undefined;
  /** Aborted by `stop`: ends the delivery in flight on the in-process bus, which would run through a whole backlog. */
  private stopping = new AbortController();
  private readonly holder = randomUUID();
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(private readonly options: RelayOptions) {
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    // A bus that is back ends the backoff: the backlog its outage left goes out now.
    this.stopWatchingBus = this.options.bus.onReconnect(() => {
      this.failures = 0;
      this.wakeUp?.();
    });
    this.loop = this.run();
  }

  /** Called after a transaction that appended events commits. */
  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  /**
   * Publishes what is unpublished, batch after batch, while `more()` allows; answers how many events went out.
   * On the in-process bus a batch returns only once its consumers handled it, so a backlog (a demo seed's
   * thousands of places) takes a while: stopping must not wait for all of it, the outbox keeps the rest.
   */
  async drain(more: () => boolean = () => true, signal?: AbortSignal): Promise<number> {
    const { db } = this.options;
    let total = 0;
    while (more() && !signal?.aborted) {
      const rows = await db
        .selectFrom('outbox')
        .select(['seq', 'envelope'])
        .where('published_at', 'is', null)
        .orderBy('seq')
        .limit(this.batchSize)
        .execute();
      if (rows.length === 0) break;
      const events = rows.map((r) => JSON.parse(r.envelope) as EventEnvelope);
      try {
        await inPublishSpans(events, (sent) => this.options.bus.publish(sent, signal));
      } catch (error) {
        if (signal?.aborted) break;
        throw error;
      }
      await this.markPublished(rows.map((r) => r.seq));
      total += rows.length;
      this.count(events);
      if (rows.length < this.batchSize) break;
    }
    return total;
  }

  /**
   * A lost mark only publishes the rows again, which the consumers' inboxes drop; so the mark does not wait for the
   * disk (withoutDiskWait) — a wait that would otherwise come once more for every commit that woke the relay.
   */
  private async markPublished(seqs: number[]): Promise<void> {
    await withoutDiskWait(this.options.db, this.options.dialect, (db) =>
      db.updateTable('outbox').set({ published_at: this.now() }).where('seq', 'in', seqs).execute(),
    );
  }

  private async run(): Promise<void> {
    const { db, dialect, service, log } = this.options;
    const lease = new HeldLease(db, dialect, `relay:${service}`, this.holder, this.pollMs * 5);
    this.failures = 0;
    while (this.running) {
      this.pending = false;
      try {
        if (await lease.hold(this.now())) {
          // One turn of the event loop first: the commits of that turn then leave in one batch and one mark.
          await new Promise<void>((resolve) => setImmediate(resolve));
          await this.drain(() => this.running, this.stopping.signal);
          if (this.now() - this.backlogReadAt >= this.pollMs) await this.recordBacklog();
        }
        this.failures = 0;
      } catch (error) {
        this.failures++;
        log.error({ err: error, service, failures: this.failures }, 'outbox relay failed; retrying');
        // The backlog a failing bus leaves behind is what the outbox alert watches.
        await this.recordBacklog().catch(() => undefined);
      }
      if (!this.running) break;
      if (this.pending && this.failures === 0) continue;
      const delay = relayDelayMs(this.pollMs, this.failures);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
    await lease.release().catch(() => undefined);
  }

  private count(events: EventEnvelope[]): void {
    countPublished(this.options.metrics, this.options.service, events);
  }

  async recordBacklog(): Promise<void> {
    if (!this.options.metrics) return;
    const row = await this.options.db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('published_at', 'is', null)
      .executeTakeFirst();
    this.backlogReadAt = this.now();
    const { service } = this.options;
    this.options.metrics.outboxBacklog.set({ service }, Number(row?.n ?? 0));
    const oldest = row?.oldest == null ? null : Number(row.oldest);
    this.options.metrics.outboxOldest.set({ service }, oldest === null ? 0 : Math.max(0, (this.now() - oldest) / 1000));
  }

  /** Stops after the batch in flight is published (graceful shutdown drains the relay). */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    this.stopWatchingBus?.();
    this.wakeUp?.();
    await this.loop;
  }
}

/** Counted once published, so a rolled-back transaction never counts as business done. */
export function countPublished(metrics: Metrics | undefined, service: string, events: EventEnvelope[]): void {
  if (!metrics) return;
  metrics.eventsPublished.inc({ service }, events.length);
  for (const event of events) metrics.businessEvents.inc({ service, ...businessLabels(event) });
}
