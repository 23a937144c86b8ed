import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@fieldops/platform';
import { ElasticSearchIndex } from './elastic/elastic-search-index';
import type { IndexLocation } from './index-location';
import { SqliteSearchIndex } from './sqlite/sqlite-search-index';

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
    async build(generation) {
      fs.mkdirSync(dir, { recursive: true });
      return new SqliteSearchIndex(path.join(dir, `index-${generation}.sqlite`), { building: true });
    },
    async publish(generation) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(`${pointer}.tmp`, generation);
      fs.renameSync(`${pointer}.tmp`, pointer);
    },
    async publishFirst(generation) {
      fs.mkdirSync(dir, { recursive: true });
      // A hard link is made whole or not at all, and never over an existing pointer: of replicas racing, one wins.
      const written = path.join(dir, `current.${generation}.tmp`);
      fs.writeFileSync(written, generation);
      try {
        fs.linkSync(written, pointer);
        return generation;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return fs.readFileSync(pointer, 'utf8').trim();
      } finally {
        fs.rmSync(written, { force: true });
      }
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
