import { type Answer, answerOf, rest } from '../../shared/api/client';

export type SearchHit = Answer<'search'>['items'][number];
export type RecordType = 'merchant' | 'lead';

/** What a list asks the search service: the record type, the text (pinyin too) and the filters it answers. */
export interface RecordFilters {
  type: RecordType;
  q: string;
  state: string;
  category: string;
  owner: string;
  area: string;
  sort: 'recency' | 'relevance';
  /** One country of a scope that spans several; empty or absent for all. */
  country?: string;
}

/** The search query of a list's filters; the state filter is a merchant's status or a lead's stage. */
export function searchQuery(filters: RecordFilters, cursor?: string, limit = 50) {
  return {
    type: filters.type,
    q: filters.q.trim() || undefined,
    ...(filters.state ? (filters.type === 'merchant' ? { status: filters.state } : { stage: filters.state }) : {}),
    category: filters.category || undefined,
    owner: filters.owner || undefined,
    area: filters.area || undefined,
    country: filters.country || undefined,
    // Relevance means something only with a text to match.
    sort: filters.q.trim() ? filters.sort : 'recency',
    limit,
    cursor,
  } as const;
}

export function searchPage(filters: RecordFilters, cursor?: string) {
  return answerOf(rest.GET('/api/v1/search', { params: { query: { ...searchQuery(filters, cursor), facets: 'type' } } }));
}

/** Every match of the filters, page after page (capped, so an export of a huge scope stays a download). */
export async function allMatches(filters: RecordFilters, cap = 10_000): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  let cursor: string | undefined;
  do {
    // Newest first: relevance ranks only a text's newest matches, and an export wants every one.
    const page = await answerOf(
      rest.GET('/api/v1/search', { params: { query: searchQuery({ ...filters, sort: 'recency' }, cursor, 100) } }),
    );
    hits.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && hits.length < cap);
  return hits;
}
