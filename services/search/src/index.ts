import {
  ConfigError,
  defineService,
  type ProgressReporter,
  type ServiceDefinition,
  type ServiceManifest,
  taskRefs,
} from '@fieldops/platform';
import { searchRpc } from './api/rpc';
import { searchRoutes } from './api/search.routes';
import { openServingIndex } from './app/open-index';
import { rebuildIndex } from './app/rebuild-index';
import { lagHistogram, type SearchContext, type SearchState } from './config';
import { IndexHolder } from './db/index-holder';
import { searchSchema } from './db/migrations/001-search';
import { ticketMerchantSchema } from './db/migrations/002-ticket-merchants';
import type { SearchDb } from './db/schema';
import { leadEventsConsumer } from './events/handlers/lead-events.handler';
import { merchantEventsConsumer } from './events/handlers/merchant-events.handler';
import { placeEventsConsumer } from './events/handlers/place-events.handler';
import { referenceEventsConsumer } from './events/handlers/reference-events.handler';
import { ticketEventsConsumer } from './events/handlers/ticket-events.handler';
import { visitEventsConsumer } from './events/handlers/visit-events.handler';

const tasks = {
  /** `fieldops replay search`: the index rebuilt from the source services' exports; answers what each gave. */
  rebuildSearch: (ctx: SearchContext, _args: undefined, progress: ProgressReporter) => rebuildIndex(ctx, progress),
};

/** The search service's tasks, for `host.runTask`. */
export const searchTasks = taskRefs('search', tasks);

export const searchManifest: ServiceManifest<SearchDb, SearchState> = {
  name: 'search',
  migrations: [searchSchema, ticketMerchantSchema],
  async setup(ctx) {
    const { location, index } = await openServingIndex(ctx);
    // On SQLite the search database's transactions run one group at a time, and a group commits once: the index
    // writes of all its events are committed once, just before it. On MySQL the consumers' transactions run side by
    // side (one per subject) and each would commit about one held write (1.07 measured), while holding the index's
    // write lock, which other replicas sharing the file wait for, across their round trips: there each write commits
    // on its own.
    const holdWrites = ctx.dialect === 'sqlite';
    const holder = new IndexHolder(index, { holdWrites });
    if (holdWrites) ctx.beforeEachCommit(() => holder.commitHeld());
    return {
      holder,
      location,
      lag: lagHistogram(ctx),
      inFlight: new Map(),
      sources: new Map(),
      areas: null,
    };
  },
  http: {
    prefixes: ['/api/v1/search'],
    description: 'Search: merchants, leads, places, visits and tickets by text, place and filters, within the data scope',
    routes(app, ctx) {
      searchRoutes(app, ctx);
    },
  },
  rpc: searchRpc,
  // References first: owner names and area paths are known before the records that use them, when possible.
  consumes: [
    referenceEventsConsumer,
    merchantEventsConsumer,
    leadEventsConsumer,
    placeEventsConsumer,
    visitEventsConsumer,
    ticketEventsConsumer,
  ],
  tasks,
};

const REPLICA_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * The manifest of one search replica. Every replica keeps its own index, so it needs every event: with
 * `SEARCH_REPLICA=<name>` its durable consumers are its own (`search.merchants.<name>`…) instead of being shared
 * with the other replicas (which would split the events between them).
 */
export function replicaManifest(
  manifest: ServiceManifest<SearchDb, SearchState>,
  replica: string | undefined,
): ServiceManifest<SearchDb, SearchState> {
  if (replica === undefined || replica === '') return manifest;
  if (!REPLICA_NAME.test(replica)) throw new ConfigError('SEARCH_REPLICA', `"${replica}" is not a name (a-z, 0-9, -; up to 32)`);
  return { ...manifest, consumes: (manifest.consumes ?? []).map((c) => ({ ...c, name: `${c.name}.${replica}` })) };
}

function searchDefinition(manifest: ServiceManifest<SearchDb, SearchState>): ServiceDefinition {
  return {
    name: manifest.name,
    prefixes: manifest.http?.prefixes ?? [],
    consumers: defineService(manifest).consumers,
    start: (runtime, options) => defineService(replicaManifest(manifest, runtime.config.env.SEARCH_REPLICA)).start(runtime, options),
    migrate: (runtime) => defineService(manifest).migrate(runtime),
  };
}

/** The search read model (DESIGN.md §10): denormalised documents from other services' events, and the query API. */
export const searchService: ServiceDefinition = searchDefinition(searchManifest);

export type { RebuildReport } from './app/rebuild-index';
export type { SearchDb } from './db/schema';
