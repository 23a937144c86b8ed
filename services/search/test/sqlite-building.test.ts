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
      const merges = Object.fromEntries(
        (
          database.prepare("select k, v from doc_text_config where k in ('automerge', 'crisismerge')").all() as { k: string; v: number }[]
        ).map(({ k, v }) => [k, v]),
      );
      // The journal mode the file itself records (WAL persists; a journal kept in memory leaves the default).
      const journal = database.pragma('journal_mode', { simple: true });
      return { indexes, merges, journal };
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
    expect(filling.merges).toEqual({ automerge: 64, crisismerge: 64 });
    // Filled without a journal on disk: a generation whose rebuild fails is thrown away, not recovered.
    expect(filling.journal).not.toBe('wal');
    expect(fs.existsSync(`${builtFile}-journal`)).toBe(false);
    // Live changes reach an index being built too.
    await built.patch('merchant', 'm-3', { status: 'suspended' }, 2);
    await serving.patch('merchant', 'm-3', { status: 'suspended' }, 2);

    await built.finishBuilding();
    const finished = inspect(builtFile);
    expect(finished.indexes).toEqual(['doc_area', 'doc_breach', 'doc_cell7', 'doc_cell9', 'doc_key', 'doc_lat', 'doc_owner', 'doc_recent']);
    expect(finished.merges).toEqual({ automerge: 4, crisismerge: 16 });
    // Served as any index is: write-ahead logged.
    expect(finished.journal).toBe('wal');
    for (const query of queries) expect(await built.search(query, everyone)).toEqual(await serving.search(query, everyone));
    await built.close();
    await serving.close();
  });

  /** Everything a file stores of its documents: the rows, and each term's every place in the text table. */
  const stored = (file: string) => {
    const database = new Database(file, { readonly: true });
    try {
      database.exec("create virtual table temp.terms using fts5vocab(main, 'doc_text', 'instance')");
      return {
        rows: database.prepare('select * from doc order by seq').all(),
        terms: database.prepare('select term, doc, col, offset from temp.terms order by doc, col, offset').all(),
      };
    } finally {
      database.close();
    }
  };

  it('works out its rows on a thread of its own: the same rows and terms a serving index stores, with live changes landing between', async () => {
    const builtFile = fileIn();
    const servingFile = fileIn();
    const built = new SqliteSearchIndex(builtFile, { building: true });
    const serving = new SqliteSearchIndex(servingFile);
    const chinese = aDoc({ id: 'm-cn', title: '星巴克（人民广场店）', address: '南京东路 123 号', phones: ['+86 21 6123 4567'] });
    await built.put([chinese, ...docs.slice(0, 100)]);
    await serving.put([chinese, ...docs.slice(0, 100)]);
    // A batch is written across waits for the thread; live changes arriving meanwhile must land, not be lost.
    let written = false;
    const batch = built.put(docs.slice(100)).finally(() => {
      written = true;
    });
    let version = 1;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (written) break;
      version++;
      await built.patch('merchant', 'm-cn', { title: `星巴克 南京东路 ${version}` }, version);
    }
    await batch;
    expect(version).toBeGreaterThan(1);
    await serving.put(docs.slice(100));
    await serving.patch('merchant', 'm-cn', { title: `星巴克 南京东路 ${version}` }, version);

    // A batch the thread cannot work out (a document without a title) is left out whole; the next one is written.
    const broken = Object.assign(aDoc({ id: 'm-broken' }), { title: undefined });
    await expect(built.put([aDoc({ id: 'm-left-out' }), broken])).rejects.toThrow(/document row thread/);
    const after = aDoc({ id: 'm-after' });
    await built.put([after]);
    await serving.put([after]);

    await built.finishBuilding();
    await built.close();
    await serving.close();
    const fromThread = stored(builtFile);
    expect(fromThread.rows).toHaveLength(docs.length + 2);
    expect(fromThread).toEqual(stored(servingFile));
  });
});
