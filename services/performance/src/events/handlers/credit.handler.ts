import type { EventType } from '@fieldops/contracts';
import type { ConsumerDefinition, EventEnvelope, EventHandler, PreparedHandler, PreparedHandlers } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { knownBefore, placed } from '../../app/known-before';
import { settleCredit } from '../../app/settle-credit';
import { tellTargetsReached } from '../../app/tell-targets-reached';
import type { PerformanceContext } from '../../config';
import type { PerformanceDb } from '../../db/schema';
import { METRICS } from '../../metrics';
import type { Counter, Known, Reading } from '../../metrics/metric';

/** Work an event does besides crediting, in the same transaction (keeping merchant owners current). */
export type AlsoDo = (event: EventEnvelope, trx: Transaction<PerformanceDb>, ctx: PerformanceContext) => Promise<void>;

/** What every metric counting `type` reads from the event. */
function readingsOf(type: EventType, event: EventEnvelope, known: Known): { metric: string; reading: Reading }[] {
  const readings: { metric: string; reading: Reading }[] = [];
  for (const metric of METRICS) {
    const counter = metric.counts[type] as Counter<EventType> | undefined;
    const reading = counter?.(event as never, known);
    if (reading) readings.push({ metric: metric.name, reading });
  }
  return readings;
}

/**
 * One event through every metric that counts it: reads first (a merchant's owner, a rep's team when the event
 * names none; RPC calls stay out of the transaction), then settles each metric's credit in the consumer's
 * transaction, where the inbox makes a redelivered event a no-op.
 */
function creditStep(type: EventType, alsoDo: AlsoDo | undefined): PreparedHandler<PerformanceDb, EventType> {
  return async (event, ctx) => {
    const known = await knownBefore(ctx, event);
    const readings = await Promise.all(
      readingsOf(type, event, known).map(async ({ metric, reading }) => ({ metric, reading: await placed(ctx, reading) })),
    );
    const write: EventHandler<PerformanceDb, EventType> = async (_event, trx, events) => {
      await alsoDo?.(event, trx, ctx);
      for (const { metric, reading } of readings) {
        if (await settleCredit(ctx, trx, event.id, metric, reading)) await tellTargetsReached(ctx, trx, events, metric, reading);
      }
    };
    return write;
  };
}

/** A consumer that credits the metrics counting `types`, with `also` for the types that need more. */
export function creditConsumer(
  name: string,
  types: EventType[],
  also: Partial<Record<EventType, AlsoDo>> = {},
): ConsumerDefinition<PerformanceDb> {
  const prepared: PreparedHandlers<PerformanceDb> = {};
  for (const type of types) (prepared as Record<string, unknown>)[type] = creditStep(type, also[type]);
  return { name, handlers: {}, prepared };
}
