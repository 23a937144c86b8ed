import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@fieldops/platform';
import { ElasticSearchIndex } from './elastic/elastic-search-index';
import type { SearchIndex } from './search-index';
import { SqliteSearchIndex } from './sqlite/sqlite-search-index';

/**
 * Where an installation's index lives, by `SEARCH_URL`: `sqlite:<dir>` (one file per index generation in that
 * directory, `current` naming the one that serves) or `http(s)://…` Elasticsearch/OpenSearch (one index per
 * generation behind the alias `fieldops-search`, or `?index=<alias>`).
 */
export interface IndexLocation {
  /** The generation that serves now, or null when there is none yet. */
  currentGeneration(): Promise<string | null>;
  open(generation: string): Promise<SearchIndex>;
  /** Makes `generation` the one that serves after a restart too. */
  publish(generation: string): Promise<void>;
}

function sqliteLocation(dir: string): IndexLocation {
  const pointer = path.join(dir, 'current');
  return {
    async currentGeneration() {
      return fs.existsSync(pointer) ? fs.readFileSync(pointer, 'utf8').trim() || null : null;
    },
    async open(generation) {
      fs.mkdirSync(dir, { recursive: true });
      return new SqliteSearchIndex(path.join(dir, `index-${generation}.sqlite`));
    },
    async publish(generation) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(`${pointer}.tmp`, generation);
      fs.renameSync(`${pointer}.tmp`, pointer);
    },
  };
}

export function indexLocation(searchUrl: string): IndexLocation {
  let url: URL;
  try {
    url = new URL(searchUrl);
  } catch {
    throw new ConfigError('SEARCH_URL', `"${searchUrl}" is not a URL; expected sqlite:<dir> or http(s)://…`);
  }
  if (url.protocol === 'sqlite:') return sqliteLocation(decodeURIComponent(url.pathname));
  if (url.protocol === 'http:' || url.protocol === 'https:') return ElasticSearchIndex.location(url);
  throw new ConfigError('SEARCH_URL', `unsupported scheme "${url.protocol}"; expected sqlite: or http(s):`);
}
