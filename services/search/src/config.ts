import type { ServiceContext } from '@fieldops/platform';
import { Histogram } from 'prom-client';
import type { IndexHolder } from './db/index-holder';
import type { IndexLocation } from './db/index-location';
import type { SearchDb, SearchSourceTable } from './db/schema';
import type { AreaTree } from './domain/area-tree';

export type SearchContext = ServiceContext<SearchDb>;

/** What one running search service holds besides its context: the index and the lag it measures. */
export interface SearchState {
  holder: IndexHolder;
  location: IndexLocation;
  lag: Histogram<'source'>;
  /** Events being applied right now, per source (part of the status backlog). */
  inFlight: Map<string, number>;
  /** What this replica applied per source; written through to search_source at most once a second per source. */
  sources: Map<string, SearchSourceTable & { persistedAt: number }>;
  /** Cached; reset by area events. */
  areas: AreaTree | null;
}

const states = new WeakMap<object, SearchState>();

export function attachState(ctx: SearchContext, state: SearchState): void {
  states.set(ctx, state);
}

/** The state of the search service running with this context (handlers, routes and jobs get the same context object). */
export function stateOf(ctx: SearchContext): SearchState {
  const state = states.get(ctx);
  if (!state) throw new Error('the search service has not started');
  return state;
}

const LAG_METRIC = 'fieldops_search_lag_seconds';

/** Event time → searchable, per source service. */
export function lagHistogram(ctx: SearchContext): Histogram<'source'> {
  const existing = ctx.metrics.registry.getSingleMetric(LAG_METRIC);
  if (existing) return existing as Histogram<'source'>;
  return new Histogram({
    name: LAG_METRIC,
    help: 'Time from an event to its change being searchable, by source service',
    labelNames: ['source'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [ctx.metrics.registry],
  });
}
