import type { EventData, EventType } from '@fieldops/contracts';
import type { ConsumerDefinition, EventEnvelope, EventHandler } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { SearchContext, SearchState } from '../config';
import type { SearchDb } from '../db/schema';
import { sourceRepository } from '../db/source.repository';

/** Indexes the change one event of type `T` (one of the types in `T`) carries. */
export type IndexingHandler<T extends EventType> = (
  event: EventEnvelope<EventData<T>>,
  trx: Transaction<SearchDb>,
  ctx: SearchContext,
  state: SearchState,
) => Promise<void>;

/** A consumer of the search service (its handlers receive the service's state as `ctx.deps`). */
export type SearchConsumer = ConsumerDefinition<SearchDb, SearchState>;

const PERSIST_EVERY_MS = 1000;

/** Counts the event in memory; writes the source's row (one upsert) when the last write is a second old. */
async function recordApplied(
  trx: Transaction<SearchDb>,
  ctx: SearchContext,
  state: SearchState,
  source: string,
  eventAt: number,
  now: number,
  lag: number,
) {
  let stats = state.sources.get(source);
  if (!stats) {
    const stored = await sourceRepository.find(trx, source);
    stats = {
      source,
      last_event_at: Number(stored?.last_event_at ?? 0),
      last_applied_at: 0,
      last_lag_ms: 0,
      events: Number(stored?.events ?? 0),
      persistedAt: 0,
    };
    state.sources.set(source, stats);
  }
  stats.last_event_at = Math.max(stats.last_event_at, eventAt);
  stats.last_applied_at = now;
  stats.last_lag_ms = lag;
  stats.events++;
  if (now - stats.persistedAt < PERSIST_EVERY_MS) return;
  const { persistedAt: _, ...row } = stats;
  await sourceRepository.save(trx, ctx.dialect, row);
  stats.persistedAt = now;
}

/**
 * Wraps a handler so that, once its change is in the index (searchable), the time since the event is observed as the
 * lag metric and recorded per source for /search/status.
 */
export function tracked<T extends EventType>(source: string, handle: IndexingHandler<T>): EventHandler<SearchDb, T, SearchState> {
  return async (event, trx, _events, ctx) => {
    const state = ctx.deps;
    state.inFlight.set(source, (state.inFlight.get(source) ?? 0) + 1);
    try {
      await handle(event, trx, ctx, state);
      const now = ctx.clock.now();
      const eventAt = Date.parse(event.time);
      const lag = Math.max(0, now - eventAt);
      state.lag.observe({ source }, lag / 1000);
      await recordApplied(trx, ctx, state, source, eventAt, now, lag);
    } finally {
      state.inFlight.set(source, (state.inFlight.get(source) ?? 1) - 1);
    }
  };
}
