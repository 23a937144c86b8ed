import { defineService, type ServiceDefinition, type ServiceManifest } from '@fieldops/platform';
import { searchRpc } from './api/rpc';
import { searchRoutes } from './api/search.routes';
import { openServingIndex } from './app/open-index';
import { type RebuildReport, rebuildIndex } from './app/rebuild-index';
import { attachState, lagHistogram } from './config';
import { IndexHolder } from './db/index-holder';
import { searchSchema } from './db/migrations/001-search';
import type { SearchDb } from './db/schema';
import { leadEventsConsumer } from './events/handlers/lead-events.handler';
import { merchantEventsConsumer } from './events/handlers/merchant-events.handler';
import { placeEventsConsumer } from './events/handlers/place-events.handler';
import { referenceEventsConsumer } from './events/handlers/reference-events.handler';
import { visitEventsConsumer } from './events/handlers/visit-events.handler';

export const searchManifest: ServiceManifest<SearchDb> = {
  name: 'search',
  migrations: [searchSchema],
  http: {
    prefixes: ['/api/v1/search'],
    description: 'Search: merchants, leads, places and visits by text, place and filters, within the data scope',
    routes(app, ctx) {
      searchRoutes(app, ctx);
    },
  },
  rpc: searchRpc,
  // References first: owner names and area paths are known before the records that use them, when possible.
  consumes: [referenceEventsConsumer, merchantEventsConsumer, leadEventsConsumer, placeEventsConsumer, visitEventsConsumer],
  async onStart(ctx) {
    const { location, index } = await openServingIndex(ctx);
    attachState(ctx, {
      holder: new IndexHolder(index),
      location,
      lag: lagHistogram(ctx),
      inFlight: new Map(),
      sources: new Map(),
      areas: null,
    });
  },
};

/** The search read model (DESIGN.md §10): denormalised documents from other services' events, and the query API. */
export const searchService: ServiceDefinition = defineService<SearchDb>(searchManifest);

export type { SearchDb } from './db/schema';

/**
 * The search service whose "seed" rebuilds the index from the source services (for `fieldops replay search`): the
 * command starts it like any host and asks it to seed, so the rebuild runs with the service's full context.
 */
export function searchRebuildService(onReport: (report: RebuildReport) => void): ServiceDefinition {
  return defineService<SearchDb>({
    ...searchManifest,
    async seedDemo(ctx, progress) {
      const report = await rebuildIndex(ctx, progress);
      onReport(report);
      return { summary: `Search index rebuilt (generation ${report.generation})` };
    },
  });
}

export type { RebuildReport } from './app/rebuild-index';
