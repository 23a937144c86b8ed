import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Dialect } from '../db/column-types';
import type { PlatformTables } from '../db/platform-tables';
import { insertIfAbsent } from '../db/portable';
import type { ServiceContext } from '../host/define-service';
import type { Metrics } from '../observability/metrics';
import { inConsumerSpan } from '../observability/telemetry';
import type { EventEnvelope } from './envelope';
import type { Subscription } from './event-bus';
import type { EventWriter, Transactor } from './outbox';

/**
 * Applies one event inside the consumer's transaction; events it appends are published if it commits. `ctx` is the
 * consuming service's context (RPC calls from a handler go `ctx.asService()`: no user asked for them).
 */
export type EventHandler<DB> = (event: EventEnvelope, trx: Transaction<DB>, events: EventWriter, ctx: ServiceContext<DB>) => Promise<void>;

/**
 * An event handled in two steps: this one runs before the transaction, for reads that must not hold one open (an RPC
 * call), and answers the handler that then writes inside it with what was read.
 */
export type PreparedHandler<DB> = (event: EventEnvelope, ctx: ServiceContext<DB>) => Promise<EventHandler<DB>>;

/** Declared by a service manifest: a durable consumer and the handler for each event type it takes. */
export interface ConsumerDefinition<DB> {
  /** Unique across the system; conventionally `<service>.<purpose>`. */
  name: string;
  handlers: Record<string, EventHandler<DB>>;
  /** Event types handled in two steps (see PreparedHandler) rather than by `handlers`. */
  prepared?: Record<string, PreparedHandler<DB>>;
}

export interface ConsumerOptions<DB> {
  definition: ConsumerDefinition<DB>;
  ctx: ServiceContext<DB>;
  db: Kysely<DB>;
  dialect: Dialect;
  transact: Transactor<DB>;
  log: Logger;
  metrics?: Metrics;
  /** Validates `data` against the event catalogue; an invalid event is dead-lettered at once. */
  validate?: (type: string, data: unknown) => { ok: true } | { ok: false; errors: string[] };
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  now?: () => number;
}

export type ConsumeResult = 'applied' | 'duplicate' | 'dead_lettered';

export const defaultBackoff = (attempt: number) => Math.min(50 * 2 ** (attempt - 1), 2000);

/**
 * The idempotent consumer: the handler's writes and the inbox row commit together, so a redelivered event is a
 * no-op. Failures retry with backoff; after `maxAttempts` the event goes to the dead-letter table (`fieldops dlq`).
 */
export function createConsumer<DB>(options: ConsumerOptions<DB>): Subscription & {
  apply(event: EventEnvelope): Promise<ConsumeResult>;
} {
  const { definition, transact, log, metrics } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoffMs ?? defaultBackoff;
  const now = options.now ?? Date.now;
  const consumer = definition.name;

  async function applyOnce(event: EventEnvelope, handler: EventHandler<DB>): Promise<boolean> {
    return transact(async (trx, events) => {
      const fresh = await insertIfAbsent(trx as unknown as Transaction<PlatformTables>, options.dialect, 'inbox', {
        consumer,
        event_id: event.id,
        processed_at: now(),
      });
      if (!fresh) return false;
      await handler(event, trx, events, options.ctx);
      return true;
    });
  }

  async function deadLetter(event: EventEnvelope, error: string, attempts: number): Promise<void> {
    const db = options.db as unknown as Kysely<PlatformTables>;
    const existing = await db
      .selectFrom('dead_letter')
      .select('id')
      .where('consumer', '=', consumer)
      .where('event_id', '=', event.id)
      .executeTakeFirst();
    // A replay that fails again updates the letter, so `fieldops dlq list` shows the latest error.
    if (existing) {
      await db.updateTable('dead_letter').set({ error, attempts, failed_at: now() }).where('id', '=', existing.id).execute();
    } else {
      await db
        .insertInto('dead_letter')
        .values({
          consumer,
          event_id: event.id,
          type: event.type,
          envelope: JSON.stringify(event),
          error,
          attempts,
          failed_at: now(),
        })
        .execute();
    }
    metrics?.deadLetters.inc({ consumer });
    log.error({ consumer, eventId: event.id, type: event.type, error }, 'event moved to the dead-letter table');
  }

  async function apply(event: EventEnvelope): Promise<ConsumeResult> {
    const handler = definition.handlers[event.type];
    const prepare = definition.prepared?.[event.type];
    // A two-step handler reads before each attempt's transaction (so a failed read is retried like a failed write).
    const handlerOf = handler ? async () => handler : prepare && (() => prepare(event, options.ctx));
    if (!handlerOf) return 'duplicate';
    const check = options.validate?.(event.type, event.data);
    if (check && !check.ok) {
      await deadLetter(event, `invalid data: ${check.errors.join('; ')}`, 0);
      metrics?.eventsHandled.inc({ consumer, result: 'dead_lettered' });
      return 'dead_lettered';
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await inConsumerSpan(`${consumer} ${event.type}`, event.traceparent, async () =>
          applyOnce(event, await handlerOf()),
        );
        const result = applied ? 'applied' : 'duplicate';
        metrics?.eventsHandled.inc({ consumer, result });
        if (applied) metrics?.consumerLag.observe({ consumer }, Math.max(0, now() - Date.parse(event.time)) / 1000);
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= maxAttempts) {
          await deadLetter(event, message, attempt);
          metrics?.eventsHandled.inc({ consumer, result: 'dead_lettered' });
          return 'dead_lettered';
        }
        metrics?.eventRetries.inc({ consumer });
        log.warn({ consumer, eventId: event.id, attempt, error: message }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
      }
    }
  }

  return {
    consumer,
    types: [...Object.keys(definition.handlers), ...Object.keys(definition.prepared ?? {})],
    handle: async (event) => {
      await apply(event);
    },
    apply,
  };
}
