import type { estypes } from '@elastic/elasticsearch';
import type { ResolvedScope } from '@fieldops/platform';
import type { Facet, SearchQuery, Sort } from '../../domain/search-query';
import { bigramsOf, type Segment } from '../../domain/text-folding';
import { matchesAsPrefix, queryParts } from '../../domain/text-terms';
import type { Visibility } from '../../domain/visibility';

type Query = estypes.QueryDslQueryContainer;

const NONE: Query = { match_none: {} };
const ALL: Query = { match_all: {} };
const terms = (field: string, values: string[]): Query => (values.length === 0 ? NONE : { terms: { [field]: values } });
const missing = (field: string): Query => ({ bool: { must_not: [{ exists: { field } }] } });

/** The platform's scopeFilter (auth/data-scope.ts), as a query over the document's fields. */
function owned(scope: ResolvedScope): Query {
  const must: Query[] = [];
  if (scope.scope === 'country') must.push({ term: { country: scope.country } });
  if (scope.scope === 'area') must.push(terms('area_id', scope.areaIds));
  if (scope.scope === 'team') must.push(terms('org_unit_id', scope.orgUnitIds));
  if (scope.scope === 'self') must.push({ term: { owner_id: scope.userId } });
  if (scope.agencyId !== null) must.push({ term: { agency_id: scope.agencyId } });
  return must.length === 0 ? ALL : { bool: { filter: must } };
}

/** The leads service's public pool (lead-visibility.ts). */
function publicPool(scope: ResolvedScope): Query {
  const must: Query[] = [missing('owner_id')];
  if (scope.scope !== 'all') must.push({ term: { country: scope.country } });
  if (scope.areaIds.length > 0 && scope.scope !== 'all' && scope.scope !== 'country') {
    must.push({ bool: { should: [missing('area_id'), terms('area_id', scope.areaIds)], minimum_should_match: 1 } });
  }
  if (scope.agencyId !== null) {
    must.push({ bool: { should: [missing('agency_id'), { term: { agency_id: scope.agencyId } }], minimum_should_match: 1 } });
  }
  return { bool: { filter: must } };
}

export function visibleQuery({ scope, types }: Visibility): Query {
  const should = types.map((type): Query => {
    const ofType: Query = { term: { type } };
    if (type === 'lead') return { bool: { filter: [ofType], should: [owned(scope), publicPool(scope)], minimum_should_match: 1 } };
    if (type === 'ticket')
      return { bool: { filter: [ofType], should: [owned(scope), { term: { opened_by: scope.userId } }], minimum_should_match: 1 } };
    if (type === 'place') return { bool: { filter: scope.scope === 'all' ? [ofType] : [ofType, { term: { country: scope.country } }] } };
    return { bool: { filter: [ofType, owned(scope)] } };
  });
  return should.length === 0 ? NONE : { bool: { should, minimum_should_match: 1 } };
}

/** One part of the text query, as text-terms.ts indexed it: words by prefix, one character alone, pairs as a phrase. */
function partQuery(part: Segment): Query {
  if (part.kind === 'word') {
    const kind = matchesAsPrefix(part) ? 'prefix' : 'term';
    return {
      bool: {
        should: [
          { [kind]: { tw: { value: part.text, boost: 4 } } },
          { [kind]: { bw: part.text } },
          { [kind]: { py: { value: part.text, boost: 2 } } },
        ],
      },
    };
  }
  const pairs = bigramsOf(part.text);
  if (pairs.length === 0) return { bool: { should: [{ term: { tw: { value: part.text, boost: 4 } } }, { term: { bw: part.text } }] } };
  const phrase = pairs.join(' ');
  return { bool: { should: [{ match_phrase: { tg: { query: phrase, boost: 4 } } }, { match_phrase: { bg: phrase } }] } };
}

export function searchQuery(query: SearchQuery, visibility: Visibility): Query {
  const filter: Query[] = [visibleQuery(visibility), terms('type', query.filters.types)];
  const f = query.filters;
  const listed: [string, string[] | undefined][] = [
    ['status', f.status],
    ['stage', f.stage],
    ['category', f.category],
    ['owner_id', f.ownerId],
    ['country', f.country],
    ['pool', f.pool],
    ['priority', f.priority],
    ['sla_status', f.slaStatus],
    ['area_id', f.areaIds],
  ];
  for (const [field, values] of listed) if (values) filter.push(terms(field, values));
  if (f.hasOpenTicket === true) filter.push({ term: { open_ticket: true } });
  if (f.hasOpenTicket === false) filter.push({ bool: { must_not: [{ term: { open_ticket: true } }] } });
  if (query.near) {
    filter.push({
      geo_distance: { distance: `${query.near.radius}m`, location: { lat: query.near.point.lat, lon: query.near.point.lng } },
    });
  }
  if (query.box) {
    const b = query.box;
    filter.push({
      geo_bounding_box: { location: { top_left: { lat: b.maxLat, lon: b.minLng }, bottom_right: { lat: b.minLat, lon: b.maxLng } } },
    });
  }
  if (query.shape) {
    filter.push({
      geo_shape: { location: { shape: { type: 'multipolygon', coordinates: query.shape.polygons }, relation: 'intersects' } },
    });
  }
  const must = queryParts(query.q).map(partQuery);
  const hidden = f.hiddenStatus?.length ? [terms('status', f.hiddenStatus)] : [];
  return { bool: { filter, must, ...(hidden.length > 0 ? { must_not: hidden } : {}) } };
}

export function sortOf(query: SearchQuery): estypes.SortCombinations[] {
  const by: Record<Sort, estypes.SortCombinations[]> = {
    relevance: [{ _score: { order: 'desc' } }, { key: 'asc' }],
    distance: query.origin
      ? [{ _geo_distance: { location: { lat: query.origin.lat, lon: query.origin.lng }, order: 'asc', unit: 'm' } }, { key: 'asc' }]
      : [{ key: 'asc' }],
    recency: [{ updated_at: 'desc' }, { key: 'desc' }],
    breach: [{ breach_at: { order: 'asc', missing: '_last' } }, { key: 'asc' }],
  };
  return by[query.sort];
}

export const FACET_FIELDS: Record<Facet, string> = {
  type: 'type',
  status: 'status',
  stage: 'stage',
  category: 'category',
  country: 'country',
  pool: 'pool',
  ownerId: 'owner_id',
  areaId: 'area_id',
  priority: 'priority',
  slaStatus: 'sla_status',
};
