import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import type { SearchDocument } from '../src/domain/search-document';
import type { Visibility } from '../src/domain/visibility';
import { aDoc, aQuery, aScope, tempIndexFiles } from './search-fixtures';

/**
 * The text table narrows a match to the query's types and, where the caller's scope allows, to a country (its scope
 * tokens); the documents are still checked in full, so what a caller finds must not change, nor its order.
 */
describe('the SQLite index’s scope tokens', () => {
  const fileIn = tempIndexFiles();

  const docs: SearchDocument[] = [
    aDoc({ id: 'sg-1', country: 'SG', title: 'Kopi Corner', ownerId: 'rep-sg' }),
    aDoc({ id: 'sg-2', country: 'SG', title: 'Kopi Kopi Kopi House', ownerId: 'rep-sg' }),
    aDoc({ id: 'my-1', country: 'MY', title: 'Kopi Tiam', ownerId: 'rep-my' }),
    aDoc({ id: 'sg-place', type: 'place', country: 'SG', title: 'Kopi stall', ownerId: null, orgUnitId: null }),
    aDoc({ id: 'my-ticket', type: 'ticket', country: 'MY', title: 'Kopi machine broken', ownerId: 'rep-my', openedBy: 'manager-sg' }),
    // Enough documents elsewhere that Singapore's and the tickets' tokens are a small part of the index: they are used.
    ...Array.from({ length: 12 }, (_, i) => aDoc({ id: `my-other-${i}`, country: 'MY', title: `Teh Tarik ${i}`, ownerId: 'rep-my' })),
  ];
  const countryManager: Visibility = {
    scope: aScope({ userId: 'manager-sg', scope: 'country', country: 'SG' }),
    types: ['merchant', 'place', 'ticket'],
  };
  const ids = async (index: SqliteSearchIndex, types: SearchDocument['type'][], visibility = countryManager, country?: string[]) =>
    (
      await index.search(aQuery({ q: 'kopi', sort: 'relevance', filters: { types, ...(country ? { country } : {}) } }), visibility)
    ).hits.map((hit) => hit.doc.id);

  it('finds what the scope allows: the country’s documents, and a ticket its caller opened in another', async () => {
    const index = new SqliteSearchIndex(fileIn());
    await index.put(docs);
    expect((await ids(index, ['merchant'])).sort()).toEqual(['sg-1', 'sg-2']);
    expect((await ids(index, ['merchant', 'place'])).sort()).toEqual(['sg-1', 'sg-2', 'sg-place']);
    expect(await ids(index, ['ticket'])).toEqual(['my-ticket']);
    const admin: Visibility = { scope: aScope({ scope: 'all' }), types: ['merchant', 'ticket'] };
    expect((await ids(index, ['merchant', 'ticket'], admin, ['MY'])).sort()).toEqual(['my-1', 'my-ticket']);
    expect((await ids(index, ['merchant'], admin)).sort()).toEqual(['my-1', 'sg-1', 'sg-2']);
    await index.close();
  });

  it('an index file made before the tokens answers as before, in the same order', async () => {
    const file = fileIn();
    // The text table as the first generations made it: five columns, no scope tokens.
    const old = new Database(file);
    old.exec(`create virtual table doc_text using fts5(tw, tg, bw, bg, py, content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`);
    old.close();
    const before = new SqliteSearchIndex(file);
    await before.put(docs);
    const now = new SqliteSearchIndex(fileIn());
    await now.put(docs);
    for (const types of [['merchant'], ['merchant', 'place'], ['ticket']] as SearchDocument['type'][][]) {
      const ranked = await ids(before, types);
      expect(ranked.length).toBeGreaterThan(0);
      expect(await ids(now, types)).toEqual(ranked);
    }
    // The most mentions first, in both.
    expect((await ids(now, ['merchant']))[0]).toBe('sg-2');
    await before.close();
    await now.close();
  });
});
