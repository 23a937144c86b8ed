import type { EventEnvelope, EventHandler } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { type SearchContext, type SearchState, stateOf } from '../config';
import type { SearchDb } from '../db/schema';
import { sourceRepository } from '../db/source.repository';

export type IndexingHandler = (event: EventEnvelope, trx: Transaction<SearchDb>, ctx: SearchContext, state: SearchState) => Promise<void>;

/**
 * Wraps a handler so that, once its change is in the index (searchable), the time since the event is observed as the
 * lag metric and recorded per source for /search/status.
 */
export function tracked(source: string, handle: IndexingHandler): EventHandler<SearchDb> {
  return async (event, trx, _events, ctx) => {
    const state = stateOf(ctx);
    state.inFlight.set(source, (state.inFlight.get(source) ?? 0) + 1);
    try {
      await handle(event, trx, ctx, state);
      const now = ctx.clock.now();
      const eventAt = Date.parse(event.time);
      state.lag.observe({ source }, Math.max(0, now - eventAt) / 1000);
      await sourceRepository.applied(trx, ctx.dialect, source, eventAt, now);
    } finally {
      state.inFlight.set(source, (state.inFlight.get(source) ?? 1) - 1);
    }
  };
}
