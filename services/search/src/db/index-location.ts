import type { SearchIndex } from './search-index';

/**
 * Where an installation's index lives, by `SEARCH_URL`: `sqlite:<dir>` (one file per index generation in that
 * directory, `current` naming the one that serves) or `http(s)://…` Elasticsearch/OpenSearch (one index per
 * generation behind the alias `fieldops-search`, or `?index=<alias>`).
 */
export interface IndexLocation {
  /** The generation that serves now, or null when there is none yet. */
  currentGeneration(): Promise<string | null>;
  open(generation: string): Promise<SearchIndex>;
  /** Opens a new generation for a rebuild to fill; it serves only after `finishBuilding`. */
  build(generation: string): Promise<SearchIndex>;
  /** Makes `generation` the one that serves after a restart too. */
  publish(generation: string): Promise<void>;
  /**
   * On a first start: makes `generation` the one that serves unless another already does (a replica that started at
   * the same moment published first), and answers the one that serves, so that every replica uses the same index.
   */
  publishFirst(generation: string): Promise<string>;
}
