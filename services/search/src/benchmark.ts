// What the benchmarks measure below the search service's API: the SQLite index driver itself, the documents it
// holds and how a query's text is split. Other services never import it: they go through RPC and events.
export { SqliteSearchIndex } from './db/sqlite/sqlite-search-index';
export { merchantDocument } from './domain/documents';
export type { SearchQuery } from './domain/search-query';
export { queryParts } from './domain/text-terms';
