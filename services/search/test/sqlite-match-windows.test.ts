import { describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import type { SearchQuery } from '../src/domain/search-query';
import type { Visibility } from '../src/domain/visibility';
import { aDoc, aQuery, aScope, tempIndexFiles } from './search-fixtures';

/**
 * Relevance ranks a bounded number of a text query's matches: the newest the caller may see. Below the bound the
 * order is bm25's over every match; above it, the newest matches are ranked and older ones are left out. Facets and
 * the total count a bound of them the same way, and say when they did.
 */
describe('the SQLite index’s windows over a text’s matches', () => {
  const fileIn = tempIndexFiles();
  const openIndex = (rankedMatches: number) => new SqliteSearchIndex(fileIn(), { rankedMatches });
  const everyone: Visibility = { scope: aScope({ scope: 'all' }), types: ['merchant'] };
  const search = async (index: SqliteSearchIndex, visibility = everyone, after?: unknown[]) =>
    index.search(aQuery({ q: 'kopi', sort: 'relevance', limit: 3, after }), visibility);

  // The oldest document is the best match (its title is the word alone); ten newer ones match less well.
  const oldestBest = aDoc({ id: 'best', title: 'Kopi' });
  const newer = Array.from({ length: 10 }, (_, i) => aDoc({ id: `newer-${i}`, title: `Kopi and toast house number ${i}` }));

  it('ranks every match by bm25 while they fit the window', async () => {
    const index = openIndex(20);
    await index.put([oldestBest, ...newer]);
    expect((await search(index)).hits[0]?.doc.id).toBe('best');
    await index.close();
  });

  it('ranks the newest matches when more match than the window holds', async () => {
    const index = openIndex(5);
    await index.put([oldestBest, ...newer]);
    const ids = (await search(index)).hits.map((hit) => hit.doc.id);
    expect(ids).not.toContain('best');
    expect(ids.every((id) => ['newer-5', 'newer-6', 'newer-7', 'newer-8', 'newer-9'].includes(id))).toBe(true);
    await index.close();
  });

  it('fills the window with what the caller may see: others’ newer matches never crowd out their own', async () => {
    const index = openIndex(5);
    const mine = Array.from({ length: 3 }, (_, i) => aDoc({ id: `mine-${i}`, title: `Kopi ${i}`, ownerId: 'rep-1' }));
    const others = Array.from({ length: 20 }, (_, i) => aDoc({ id: `other-${i}`, title: `Kopi ${i}`, ownerId: 'rep-2' }));
    await index.put([...mine, ...others]);
    const rep: Visibility = { scope: aScope({ userId: 'rep-1', scope: 'self' }), types: ['merchant'] };
    expect((await search(index, rep)).hits.map((hit) => hit.doc.id).sort()).toEqual(['mine-0', 'mine-1', 'mine-2']);
    await index.close();
  });

  it('counts facets and total over the newest matches past its bound, and says so', async () => {
    const index = new SqliteSearchIndex(fileIn(), { countedMatches: 10 });
    await index.put([oldestBest, ...newer]);
    const counted = (q: string, withTotal: boolean, facets: SearchQuery['facets']) =>
      index.search(aQuery({ q, sort: q ? 'relevance' : 'recency', limit: 3, withTotal, facets }), everyone);
    // Eleven match "kopi": ten counted, the newest.
    expect(await counted('kopi', true, ['status'])).toMatchObject({ total: 10, exhaustive: false, facets: { status: { active: 10 } } });
    expect(await counted('kopi', true, [])).toMatchObject({ total: 10, exhaustive: false });
    // Exactly as many as the bound: every one counted.
    expect(await counted('toast', true, ['status'])).toMatchObject({ total: 10, exhaustive: true });
    expect(await counted('house 7', true, ['status'])).toMatchObject({ total: 1, exhaustive: true, facets: { status: { active: 1 } } });
    // Without text (a segment's size, a list's count) every match is counted.
    expect(await counted('', true, ['status'])).toMatchObject({ total: 11, exhaustive: true, facets: { status: { active: 11 } } });
    await index.close();
  });

  it('pages through the window once each, in the same order', async () => {
    const index = openIndex(7);
    await index.put([oldestBest, ...newer]);
    const seen: string[] = [];
    let after: unknown[] | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await search(index, everyone, after);
      seen.push(...result.hits.map((hit) => hit.doc.id));
      if (!result.more) break;
      after = result.hits.at(-1)?.key;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    await index.close();
  });
});
