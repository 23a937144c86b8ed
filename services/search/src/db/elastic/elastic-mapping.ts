import type { estypes } from '@elastic/elasticsearch';

/**
 * The index of one generation. The text fields hold the same pre-folded terms as the SQLite driver (text-terms.ts:
 * words, single CJK/Thai/Arabic characters, and character pairs for phrases), split on whitespace only, so both
 * drivers answer a query the same way. `title.cjk` adds Elasticsearch's own CJK bigram analysis for ad-hoc use.
 */
export const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  number_of_shards: 1,
  analysis: {
    analyzer: {
      fieldops_terms: { type: 'custom', tokenizer: 'whitespace', filter: [] },
    },
  },
};

const keyword = { type: 'keyword' } as const;
const terms = { type: 'text', analyzer: 'fieldops_terms', norms: true } as const;

export const INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    key: keyword,
    type: keyword,
    id: keyword,
    version: { type: 'long' },
    updated_at: { type: 'long' },
    country: keyword,
    area_id: keyword,
    owner_id: keyword,
    org_unit_id: keyword,
    agency_id: keyword,
    status: keyword,
    stage: keyword,
    pool: keyword,
    category: keyword,
    priority: keyword,
    sla_status: keyword,
    breach_at: { type: 'long' },
    opened_by: keyword,
    open_ticket: { type: 'boolean' },
    location: { type: 'geo_point' },
    title: { type: 'text', analyzer: 'standard', fields: { cjk: { type: 'text', analyzer: 'cjk' } } },
    tw: terms,
    tg: terms,
    bw: terms,
    bg: terms,
    py: terms,
    doc: { type: 'object', enabled: false },
  },
};
