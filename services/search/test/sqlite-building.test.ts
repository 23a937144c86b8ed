import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import type { SearchQuery } from '../src/domain/search-query';
import type { Visibility } from '../src/domain/visibility';
import { aDoc, aQuery, aScope, tempIndexFiles } from './search-fixtures';

/**
 * A rebuild fills a new index without the indexes only queries read and makes them at its end; the text table merges
 * rarely while it fills and once at the end. What the finished index answers must be what one filled as a serving
 * index answers.
 */
describe('an SQLite index filled for a rebuild', () => {
  const fileIn = tempIndexFiles();

  const inspect = (file: string) => {
    const database = new Database(file, { readonly: true });
    try {
      const indexes = (database.pragma('index_list(doc)') as { name: string }[]).map((i) => i.name).sort();
      const automerge = database.prepare("select v from doc_text_config where k = 'automerge'").get() as { v: number } | undefined;
      // The journal mode the file itself records (WAL persists; a journal kept in memory leaves the default).
      const journal = database.pragma('journal_mode', { simple: true });
      return { indexes, automerge: automerge?.v, journal };
    } finally {
      database.close();
    }
  };

  const docs = Array.from({ length: 300 }, (_, i) =>
    aDoc({
      id: `m-${i}`,
      title: `${['Kopi', 'Teh', 'Roti'][i % 3]} house ${i}`,
      ownerId: `rep-${i % 4}`,
      lat: 1.3 + (i % 17) * 0.001,
      lng: 103.8 + (i % 13) * 0.001,
      updatedAt: 1_700_000_000_000 + i,
    }),
  );
  const everyone: Visibility = { scope: aScope({ scope: 'all' }), types: ['merchant'] };
  const queries: SearchQuery[] = [
    aQuery({ q: 'kopi', sort: 'relevance', limit: 10, facets: ['status'], withTotal: true }),
    aQuery({ q: '', sort: 'recency', limit: 10, filters: { types: ['merchant'], ownerId: ['rep-1'] } }),
    aQuery({
      q: '',
      sort: 'distance',
      limit: 10,
      near: { point: { lat: 1.305, lng: 103.805 }, radius: 800 },
      origin: { lat: 1.305, lng: 103.805 },
    }),
  ];

  it('leaves the query indexes and the journal out while it fills, makes them at the end, and answers as a serving index does', async () => {
    const builtFile = fileIn();
    const built = new SqliteSearchIndex(builtFile, { building: true });
    const serving = new SqliteSearchIndex(fileIn());
    for (let i = 0; i < docs.length; i += 50) {
      await built.put(docs.slice(i, i + 50));
      await serving.put(docs.slice(i, i + 50));
    }
    const filling = inspect(builtFile);
    expect(filling.indexes).toEqual(['doc_key']);
    expect(filling.automerge).toBe(64);
    // Filled without a journal on disk: a generation whose rebuild fails is thrown away, not recovered.
    expect(filling.journal).not.toBe('wal');
    expect(fs.existsSync(`${builtFile}-journal`)).toBe(false);
    // Live changes reach an index being built too.
    await built.patch('merchant', 'm-3', { status: 'suspended' }, 2);
    await serving.patch('merchant', 'm-3', { status: 'suspended' }, 2);

    await built.finishBuilding();
    const finished = inspect(builtFile);
    expect(finished.indexes).toEqual(['doc_area', 'doc_breach', 'doc_cell7', 'doc_cell9', 'doc_key', 'doc_lat', 'doc_owner', 'doc_recent']);
    expect(finished.automerge).toBe(4);
    // Served as any index is: write-ahead logged.
    expect(finished.journal).toBe('wal');
    for (const query of queries) expect(await built.search(query, everyone)).toEqual(await serving.search(query, everyone));
    await built.close();
    await serving.close();
  });
});
