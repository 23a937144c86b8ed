import { type EventData, type EventType, isCataloguedEventType, isEventData, validateEventData } from '@fieldops/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Dialect } from '../db/column-types';
import { platformTables } from '../db/platform-tables';
import { insertIfAbsent } from '../db/portable';
import type { ServiceContext } from '../host/service-context';
import type { Metrics } from '../observability/metrics';
import { inConsumerSpan } from '../observability/telemetry';
import { isTransientFailure } from '../rpc/transient-failure';
import type { EventEnvelope } from './envelope';
import { type DeliveryFence, LeaseLapsedError, type Subscription } from './event-bus';
import type { EventWriter, Transactor } from './outbox';

/**
 * Applies one event inside the consumer's transaction; events it appends are published if it commits. `ctx` is the
 * consuming service's context (RPC calls from a handler go `ctx.asService()`: no user asked for them).
 */
export type EventHandler<DB, T extends EventType, Deps = undefined> = (
  event: EventEnvelope<EventData<T>>,
  trx: Transaction<DB>,
  events: EventWriter,
  ctx: ServiceContext<DB, Deps>,
) => Promise<void>;

/** A handler per catalogued event type, each typed by its type's schema: a misspelt type or a wrong shape fails to compile. */
export type EventHandlers<DB, Deps = undefined> = { [T in EventType]?: EventHandler<DB, T, Deps> };

/**
 * An event handled in two steps: this one runs before the transaction, for reads that must not hold one open (an RPC
 * call), and answers the handler that then writes inside it with what was read.
 */
export type PreparedHandler<DB, T extends EventType, Deps = undefined> = (
  event: EventEnvelope<EventData<T>>,
  ctx: ServiceContext<DB, Deps>,
) => Promise<EventHandler<DB, T, Deps>>;

export type PreparedHandlers<DB, Deps = undefined> = { [T in EventType]?: PreparedHandler<DB, T, Deps> };

/** Declared by a service manifest: a durable consumer and the handler for each event type it takes. */
export interface ConsumerDefinition<DB, Deps = undefined> {
  /** Unique across the system; conventionally `<service>.<purpose>`. */
  name: string;
  handlers: EventHandlers<DB, Deps>;
  /** Event types handled in two steps (see PreparedHandler) rather than by `handlers`. */
  prepared?: PreparedHandlers<DB, Deps>;
  /**
   * Lets a backlog of one-step events commit together, up to 32 in one transaction, on the NATS bus (the in-process
   * bus always hands its batch at once). Only for handlers that write rows of their own record alone: handlers that
   * lock shared rows would take their locks in the batch's order, and two batches could deadlock.
   */
  batch?: boolean;
}

/** The event types a consumer takes, in one step or two. */
export function consumedTypes(definition: { handlers: object; prepared?: object }): string[] {
  return [...Object.keys(definition.handlers), ...Object.keys(definition.prepared ?? {})];
}

/** The types a consumer names that the event catalogue does not know (none, for a consumer that can run). */
export function uncataloguedTypes(definition: { handlers: object; prepared?: object }): string[] {
  return consumedTypes(definition).filter((type) => !isCataloguedEventType(type));
}

export interface ConsumerOptions<DB, Deps = undefined> {
  definition: ConsumerDefinition<DB, Deps>;
  ctx: ServiceContext<DB, Deps>;
  db: Kysely<DB>;
  dialect: Dialect;
  transact: Transactor<DB>;
  log: Logger;
  metrics?: Metrics;
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  now?: () => number;
}

/** `unhandled`: the consumer has no handler for the event's type (counted and logged, never applied). */
export type ConsumeResult = 'applied' | 'duplicate' | 'dead_lettered' | 'unhandled';

/** How long a handler keeps retrying a failure of a dependency that is away before its attempts count again. */
const TRANSIENT_RETRY_MS = 10 * 60_000;

export const defaultBackoff = (attempt: number) => Math.min(50 * 2 ** (attempt - 1), 2000);

/**
 * The idempotent consumer: the handler's writes and the inbox row commit together, so a redelivered event is a
 * no-op. Data that does not match the catalogue's schema is dead-lettered at once. Failures retry with backoff; after
 * `maxAttempts` the event goes to the dead-letter table (`fieldops dlq`).
 */
export function createConsumer<DB, Deps = undefined>(
  options: ConsumerOptions<DB, Deps>,
): Subscription & {
  apply(event: EventEnvelope): Promise<ConsumeResult>;
} {
  const { definition, transact, log, metrics } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoffMs ?? defaultBackoff;
  const now = options.now ?? Date.now;
  const consumer = definition.name;
  const unhandledTypesLogged = new Set<string>();

  /** The inbox row first: an event already in it was applied before, and its handler does not run again. */
  async function applyIn<T extends EventType>(
    trx: Transaction<DB>,
    events: EventWriter,
    event: EventEnvelope<EventData<T>>,
    handler: EventHandler<DB, T, Deps>,
  ): Promise<boolean> {
    const fresh = await insertIfAbsent(platformTables(trx), options.dialect, 'inbox', {
      consumer,
      event_id: event.id,
      processed_at: now(),
    });
    if (!fresh) return false;
    await handler(event, trx, events, options.ctx);
    // Inside the consumer's span: the line carries the trace the event came with.
    log.debug({ consumer, eventType: event.type, eventId: event.id }, 'event applied');
    return true;
  }

  async function applyOnce<T extends EventType>(
    event: EventEnvelope<EventData<T>>,
    handler: EventHandler<DB, T, Deps>,
    fence: DeliveryFence | undefined,
  ): Promise<boolean> {
    return transact(async (trx, events) => {
      const applied = await applyIn(trx, events, event, handler);
      fence?.();
      return applied;
    });
  }

  function counted(event: EventEnvelope, applied: boolean): ConsumeResult {
    const result = applied ? 'applied' : 'duplicate';
    metrics?.eventsHandled.inc({ consumer, result });
    if (applied) metrics?.consumerLag.observe({ consumer }, Math.max(0, now() - Date.parse(event.time)) / 1000);
    return result;
  }

  /** An event the consumer applies in one step with valid data: it can join others in one transaction. */
  function oneStep(event: EventEnvelope): { event: EventEnvelope<never>; handler: EventHandler<DB, never, Deps> } | undefined {
    if (!isCataloguedEventType(event.type)) return undefined;
    const handler = definition.handlers[event.type];
    if (!handler || !isEventData(event.type, event.data)) return undefined;
    return { event: event as EventEnvelope<never>, handler: handler as EventHandler<DB, never, Deps> };
  }

  /**
   * Events in order, runs of one-step events committed together. A run whose transaction fails is rolled back
   * whole and its events applied one by one, each with its own retries and dead letter.
   */
  async function applyAll(batch: EventEnvelope[], fence?: DeliveryFence, signal?: AbortSignal): Promise<void> {
    let run: NonNullable<ReturnType<typeof oneStep>>[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const together = run;
      run = [];
      let applied: boolean[] | undefined;
      try {
        applied = await transact(async (trx, events) => {
          const results: boolean[] = [];
          for (const { event, handler } of together) {
            // A stop rolls the run back: its events come again at the next start.
            signal?.throwIfAborted();
            results.push(await inConsumerSpan(`${consumer} ${event.type}`, event.traceparent, () => applyIn(trx, events, event, handler)));
          }
          fence?.();
          return results;
        });
      } catch (error) {
        if (error instanceof LeaseLapsedError || signal?.aborted) throw error;
        for (const { event } of together) await apply(event, fence);
        return;
      }
      together.forEach(({ event }, i) => {
        counted(event, applied[i] === true);
      });
    };
    for (const event of batch) {
      const step = oneStep(event);
      if (step) {
        run.push(step);
        continue;
      }
      await flush();
      signal?.throwIfAborted();
      await apply(event, fence);
    }
    await flush();
  }

  async function deadLetter(event: EventEnvelope, error: string, attempts: number): Promise<void> {
    const db = platformTables(options.db);
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

  function unhandled(event: EventEnvelope): ConsumeResult {
    metrics?.eventsUnhandled.inc({ service: options.ctx.name, type: event.type });
    if (!unhandledTypesLogged.has(event.type)) {
      unhandledTypesLogged.add(event.type);
      log.warn(
        { consumer, type: event.type, eventId: event.id },
        'event has no handler in this consumer; further ones of this type are only counted',
      );
    }
    return 'unhandled';
  }

  async function apply(event: EventEnvelope, fence?: DeliveryFence): Promise<ConsumeResult> {
    return isCataloguedEventType(event.type) ? applyTyped(event.type, event, fence) : unhandled(event);
  }

  async function applyTyped<T extends EventType>(type: T, event: EventEnvelope, fence: DeliveryFence | undefined): Promise<ConsumeResult> {
    const handler = definition.handlers[type];
    const prepare = definition.prepared?.[type];
    // A two-step handler reads before each attempt's transaction (so a failed read is retried like a failed write).
    const handlerOf: ((typed: EventEnvelope<EventData<T>>) => Promise<EventHandler<DB, T, Deps>>) | undefined = handler
      ? async () => handler
      : prepare && ((typed) => prepare(typed, options.ctx));
    if (!handlerOf) return unhandled(event);
    const { data } = event;
    if (!isEventData(type, data)) {
      const check = validateEventData(type, data);
      await deadLetter(event, `invalid data: ${check.ok ? 'does not match the schema' : check.errors.join('; ')}`, 0);
      metrics?.eventsHandled.inc({ consumer, result: 'dead_lettered' });
      return 'dead_lettered';
    }
    const typed: EventEnvelope<EventData<T>> = { ...event, data };
    let failures = 0;
    const firstTry = now();
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await inConsumerSpan(`${consumer} ${event.type}`, event.traceparent, async () =>
          applyOnce(typed, await handlerOf(typed), fence),
        );
        return counted(event, applied);
      } catch (error) {
        // Not a failure of the event: this instance must stop, and the instance that holds the lease applies it.
        if (error instanceof LeaseLapsedError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        // A dependency that is away (a service restarting, the database down) is no fault of the event: waiting for
        // it, rather than dead-lettering after a few seconds, is what delivers the event without an operator.
        const waiting = isTransientFailure(error) && now() - firstTry < TRANSIENT_RETRY_MS;
        if (!waiting) failures++;
        if (failures >= maxAttempts) {
          await deadLetter(event, message, failures);
          metrics?.eventsHandled.inc({ consumer, result: 'dead_lettered' });
          return 'dead_lettered';
        }
        metrics?.eventRetries.inc({ consumer });
        log.warn({ consumer, eventId: event.id, attempt, error: message }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoff(Math.min(attempt, maxAttempts))));
      }
    }
  }

  return {
    consumer,
    types: consumedTypes(definition),
    handle: async (event, fence) => {
      await apply(event, fence);
    },
    handleBatch: applyAll,
    batchable: (event) => definition.batch === true && oneStep(event) !== undefined,
    apply,
  };
}
