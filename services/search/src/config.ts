import type { ServiceContext, SetupContext } from '@fieldops/platform';
import { Histogram } from 'prom-client';
import type { IndexHolder } from './db/index-holder';
import type { IndexLocation } from './db/index-location';
import type { SearchDb, SearchSourceTable } from './db/schema';
import type { AreaTree } from './domain/area-tree';

export type SearchSetupContext = SetupContext<SearchDb>;
export type SearchContext = ServiceContext<SearchDb, SearchState>;

/** What one running search service holds besides its context (`ctx.deps`): the index and the lag it measures. */
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

const LAG_METRIC = 'fieldops_search_lag_seconds';

/** Event time → searchable, per source service. */
export function lagHistogram(ctx: SearchSetupContext): Histogram<'source'> {
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
