import { Client, errors, type estypes } from '@elastic/elasticsearch';
import { distanceMeters } from '@fieldops/geo';
import { bodyTexts, type DocumentPatch, type DocumentType, type SearchDocument } from '../../domain/search-document';
import type { SearchQuery, SearchResult } from '../../domain/search-query';
import { indexTerms } from '../../domain/text-terms';
import type { Visibility } from '../../domain/visibility';
import type { IndexLocation } from '../index-location';
import type { SearchIndex } from '../search-index';
import { INDEX_MAPPINGS, INDEX_SETTINGS } from './elastic-mapping';
import { FACET_FIELDS, searchQuery, sortOf } from './elastic-query';

interface Stored {
  doc: SearchDocument;
}

const keyOf = (type: DocumentType, id: string) => `${type}:${id}`;
const DEFAULT_ALIAS = 'fieldops-search';
const PAGE = 500;

/** A client for `SEARCH_URL` (credentials in the URL's user info, as elsewhere). */
function clientFor(url: URL): Client {
  const auth = url.username ? { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } } : {};
  return new Client({ node: `${url.protocol}//${url.host}`, ...auth });
}

function isConflict(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 409;
}

/** A document as stored: filter fields, the point, the terms of text-terms.ts, and the document itself. */
function sourceOf(doc: SearchDocument): Record<string, unknown> {
  const terms = indexTerms(doc.title, bodyTexts(doc), doc.phones);
  return {
    key: keyOf(doc.type, doc.id),
    type: doc.type,
    id: doc.id,
    version: doc.version,
    updated_at: doc.updatedAt,
    country: doc.country,
    area_id: doc.areaId,
    owner_id: doc.ownerId,
    org_unit_id: doc.orgUnitId,
    agency_id: doc.agencyId,
    status: doc.status,
    stage: doc.stage,
    pool: doc.pool,
    category: doc.category,
    priority: doc.priority ?? null,
    sla_status: doc.slaStatus ?? null,
    breach_at: doc.breachAt ?? null,
    opened_by: doc.openedBy ?? null,
    open_ticket: doc.hasOpenTicket ?? null,
    location: { lat: doc.lat, lon: doc.lng },
    title: doc.title,
    tw: terms.titleWords,
    tg: terms.titlePairs,
    bw: terms.bodyWords,
    bg: terms.bodyPairs,
    py: terms.pinyin,
    doc,
  };
}

const totalOf = (total: number | estypes.SearchTotalHits | undefined) => (typeof total === 'number' ? total : (total?.value ?? 0));

/**
 * The production driver, on the official client (Elasticsearch 9; OpenSearch answers the same calls used here).
 * Order safety is the engine's own: documents are written with `version_type: external`, so an older version is
 * refused (409, ignored) and equal ones are no-ops. Writes wait for a refresh, so "applied" means "searchable".
 */
export class ElasticSearchIndex implements SearchIndex {
  readonly driver = 'elasticsearch';

  private constructor(
    private readonly client: Client,
    private readonly index: string,
  ) {}

  /** Opens (creating when missing) one concrete index. */
  static async open(url: URL, index: string): Promise<ElasticSearchIndex> {
    const client = clientFor(url);
    if (!(await client.indices.exists({ index }))) {
      await client.indices.create({ index, settings: INDEX_SETTINGS, mappings: INDEX_MAPPINGS });
    } else {
      // Fields added since the index was made (adding fields to a mapping is allowed; changing one is not).
      await client.indices.putMapping({ index, properties: INDEX_MAPPINGS.properties });
    }
    return new ElasticSearchIndex(client, index);
  }

  /** Generations are indices `<alias>-<generation>`; the alias points at the one that serves. */
  static location(url: URL): IndexLocation {
    const alias = url.searchParams.get('index') || DEFAULT_ALIAS;
    const client = () => clientFor(url);
    return {
      async currentGeneration() {
        const c = client();
        try {
          if (!(await c.indices.existsAlias({ name: alias }))) return null;
          const [index] = Object.keys(await c.indices.getAlias({ name: alias }));
          return index ? index.slice(alias.length + 1) : null;
        } finally {
          await c.close();
        }
      },
      open: (generation) => ElasticSearchIndex.open(url, `${alias}-${generation}`),
      build: (generation) => ElasticSearchIndex.open(url, `${alias}-${generation}`),
      async publish(generation) {
        const c = client();
        try {
          const actions: estypes.IndicesUpdateAliasesAction[] = [{ add: { index: `${alias}-${generation}`, alias } }];
          if (await c.indices.existsAlias({ name: alias })) actions.unshift({ remove: { index: `${alias}-*`, alias } });
          await c.indices.updateAliases({ actions });
        } finally {
          await c.close();
        }
      },
      async publishFirst(generation) {
        const c = client();
        try {
          if (!(await c.indices.existsAlias({ name: alias }))) {
            await c.indices.updateAliases({ actions: [{ add: { index: `${alias}-${generation}`, alias } }] });
          }
          // Replicas that added theirs together all keep the same one, the earliest, and take the others off.
          const [serving, ...others] = Object.keys(await c.indices.getAlias({ name: alias })).sort();
          if (!serving) return generation;
          if (others.length > 0) await c.indices.updateAliases({ actions: others.map((index) => ({ remove: { index, alias } })) });
          return serving.slice(alias.length + 1);
        } finally {
          await c.close();
        }
      },
    };
  }

  /** Each write is its own request, made visible before it answers (`refresh: 'wait_for'`): nothing is held. */
  async commitHeld(): Promise<void> {}

  async put(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const operations = docs.flatMap((doc) => [
      { index: { _index: this.index, _id: keyOf(doc.type, doc.id), version: doc.version, version_type: 'external' as const } },
      sourceOf(doc),
    ]);
    const result = await this.client.bulk({ operations, refresh: 'wait_for' });
    const failed = result.items.map((item) => item.index).filter((r) => r?.error && r.status !== 409);
    if (failed.length > 0) throw new Error(`search index refused ${failed.length} documents: ${JSON.stringify(failed[0]?.error)}`);
  }

  private async write(doc: SearchDocument, versionType: 'external' | 'external_gte'): Promise<boolean> {
    try {
      await this.client.index({
        index: this.index,
        id: keyOf(doc.type, doc.id),
        document: sourceOf(doc),
        version: doc.version,
        version_type: versionType,
        refresh: 'wait_for',
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async patch(type: DocumentType, id: string, changes: DocumentPatch, version: number | null): Promise<boolean> {
    const stored = await this.get(type, id);
    if (!stored || (version !== null && stored.version >= version)) return false;
    // A change without version keeps the version: external_gte lets it replace the equal one.
    return this.write({ ...stored, ...changes, version: version ?? stored.version }, version === null ? 'external_gte' : 'external');
  }

  async get(type: DocumentType, id: string): Promise<SearchDocument | undefined> {
    try {
      const result = await this.client.get<Stored>({ index: this.index, id: keyOf(type, id) });
      return result._source?.doc;
    } catch (error) {
      if (error instanceof errors.ResponseError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  private async rewriteWhere(query: estypes.QueryDslQueryContainer, change: (doc: SearchDocument) => SearchDocument): Promise<void> {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const page = await this.client.search<Stored>({ index: this.index, query, size: PAGE, sort: [{ key: 'asc' }], search_after: after });
      const docs = page.hits.hits.flatMap((hit) => (hit._source ? [change(hit._source.doc)] : []));
      for (const doc of docs) await this.write(doc, 'external_gte');
      if (page.hits.hits.length < PAGE) return;
      after = page.hits.hits.at(-1)?.sort;
    }
  }

  async renameOwner(ownerId: string, ownerName: string): Promise<void> {
    await this.rewriteWhere({ term: { owner_id: ownerId } }, (doc) => ({ ...doc, ownerName }));
  }

  async setAreaPaths(paths: Map<string, string>): Promise<void> {
    for (const [areaId, areaPath] of paths) await this.rewriteWhere({ term: { area_id: areaId } }, (doc) => ({ ...doc, areaPath }));
  }

  async search(query: SearchQuery, visibility: Visibility): Promise<SearchResult> {
    const aggregations = Object.fromEntries(query.facets.map((facet) => [facet, { terms: { field: FACET_FIELDS[facet], size: 100 } }]));
    const result = await this.client.search<Stored>({
      index: this.index,
      query: searchQuery(query, visibility),
      sort: sortOf(query),
      size: query.limit + 1,
      track_total_hits: query.withTotal === true,
      ...(query.after ? { search_after: query.after as estypes.SortResults } : {}),
      ...(query.facets.length > 0 ? { aggregations } : {}),
    });
    const rows = result.hits.hits.filter((hit) => hit._source !== undefined);
    const facets: SearchResult['facets'] = {};
    for (const facet of query.facets) {
      const buckets = (result.aggregations?.[facet] as estypes.AggregationsStringTermsAggregate | undefined)?.buckets;
      const list = Array.isArray(buckets) ? buckets : [];
      facets[facet] = Object.fromEntries(list.map((b) => [String(b.key), b.doc_count]));
    }
    return {
      hits: rows.slice(0, query.limit).map((hit) => {
        const doc = (hit._source as Stored).doc;
        return {
          doc,
          score: query.sort === 'relevance' ? (hit._score ?? 0) : undefined,
          distance: query.origin ? distanceMeters(query.origin, doc) : undefined,
          key: hit.sort ?? [],
        };
      }),
      more: rows.length > query.limit,
      facets,
      ...(query.withTotal ? { total: totalOf(result.hits.total) } : {}),
      // The engine counts every match: its aggregations, and the hits with track_total_hits.
      ...(query.withTotal || query.facets.length > 0 ? { exhaustive: true } : {}),
    };
  }

  /** Nothing to add: the engine keeps its structures as it indexes. */
  async finishBuilding(): Promise<void> {}

  async scan(type: DocumentType, afterId: string, limit: number): Promise<SearchDocument[]> {
    const result = await this.client.search<Stored>({
      index: this.index,
      query: { bool: { filter: [{ term: { type } }, { range: { id: { gt: afterId } } }] } },
      sort: [{ id: 'asc' }],
      size: limit,
    });
    return result.hits.hits.flatMap((hit) => (hit._source ? [hit._source.doc] : []));
  }

  async count(type?: DocumentType): Promise<number> {
    return (await this.client.count({ index: this.index, ...(type ? { query: { term: { type } } } : {}) })).count;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async destroy(): Promise<void> {
    await this.client.indices.delete({ index: this.index, ignore_unavailable: true });
    await this.close();
  }
}
