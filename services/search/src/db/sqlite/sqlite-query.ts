import { CircleCover, type LatLng, type LatLngBox } from '@fieldops/geo';
import { type ResolvedScope, scopeFilter } from '@fieldops/platform';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Facet, SearchQuery } from '../../domain/search-query';
import type { Segment } from '../../domain/text-folding';
import { bigramsOf } from '../../domain/text-folding';
import { matchesAsPrefix, queryParts } from '../../domain/text-terms';
import type { Visibility } from '../../domain/visibility';
import { countryToken, typeToken } from './sqlite-schema';

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;
const COLUMNS = { owner: 'd.owner_id', orgUnit: 'd.org_unit_id', area: 'd.area_id', country: 'd.country', agency: 'd.agency_id' };
/** Up to this radius res-9 cells (~175 m edge) cover the circle; beyond it res-7 cells (~1.2 km). */
const FINE_CELLS_MAX_RADIUS = 1000;
/** Above this radius the circle's bounding box filters first: H3 cells would be too many. */
const CELL_COVER_MAX_RADIUS = 5000;
/**
 * Column weights of bm25: title words, title pairs, body words, body pairs, pinyin, and none for the scope tokens (an
 * index without them has five columns).
 */
const BM25 = sql`bm25(doc_text, 4.0, 4.0, 1.0, 1.0, 2.0, 0.0)`;
const BM25_WITHOUT_SCOPE = sql`bm25(doc_text, 4.0, 4.0, 1.0, 1.0, 2.0)`;

const and = (conditions: Expression<SqlBool>[]) => (conditions.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`);
const or = (conditions: Expression<SqlBool>[]) => (conditions.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(conditions, sql` or `)})`);
const isIn = (column: string, values: string[]) =>
  values.length === 0 ? FALSE : sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;

/** The leads service's public pool (lead-visibility.ts), over the document columns. */
function publicPool(scope: ResolvedScope): Expression<SqlBool> {
  const conditions = [sql<SqlBool>`d.owner_id is null`];
  if (scope.scope !== 'all') conditions.push(sql<SqlBool>`d.country = ${scope.country}`);
  if (scope.areaIds.length > 0 && scope.scope !== 'all' && scope.scope !== 'country') {
    conditions.push(sql<SqlBool>`(d.area_id is null or d.area_id in (${sql.join(scope.areaIds)}))`);
  }
  if (scope.agencyId !== null) conditions.push(sql<SqlBool>`(d.agency_id is null or d.agency_id = ${scope.agencyId})`);
  return and(conditions);
}

/** See domain/visibility.ts: the owners' rules, per document type. */
export function visibleSql({ scope, types }: Visibility): Expression<SqlBool> {
  const owned = scopeFilter(scope, COLUMNS);
  return or(
    types.map((type) => {
      if (type === 'lead') return sql<SqlBool>`(+d.type = 'lead' and (${owned} or ${publicPool(scope)}))`;
      if (type === 'ticket') return sql<SqlBool>`(+d.type = 'ticket' and (${owned} or d.opened_by = ${scope.userId}))`;
      if (type === 'place')
        return scope.scope === 'all' ? sql<SqlBool>`+d.type = 'place'` : sql<SqlBool>`(+d.type = 'place' and d.country = ${scope.country})`;
      return sql<SqlBool>`(+d.type = ${type} and ${owned})`;
    }),
  );
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

function matchPart(part: Segment): string {
  if (part.kind === 'word') return `{tw bw py} : ${quoted(part.text)}${matchesAsPrefix(part) ? '*' : ''}`;
  const pairs = bigramsOf(part.text);
  if (pairs.length === 0) return `{tw bw} : ${quoted(part.text)}`;
  return `{tg bg} : ${quoted(pairs.join(' '))}`;
}

/** The FTS5 expression of a query: every part must match; null when the query has no searchable characters. */
export function matchExpression(q: string): string | null {
  const parts = queryParts(q);
  return parts.length === 0 ? null : parts.map(matchPart).join(' AND ');
}

/**
 * A scope token is matched only when its documents are a small part of the index: intersecting the text's matches
 * with a token's list costs about as much as that list is long, which is worth it only when it leaves most matches
 * out (a country among several, a type among places), not for the only country or type there is.
 */
const MAX_TOKEN_SHARE = 1 / 3;

/** How much of the index a scope token matches (0–1). */
export type TokenShare = (token: string) => number;

/**
 * The conditions of a query the text table applies itself, from each document's scope tokens: its types, and its
 * country when the filter names countries or every document the caller may see lies in their country (a country
 * scope, without tickets: a ticket its caller opened elsewhere is theirs too). The documents are still checked in
 * full; the tokens only spare reading those of other types and countries.
 */
function scopeMatch(query: SearchQuery, { scope }: Visibility, shareOf: TokenShare): string[] {
  const countryBound = scope.scope === 'country' && !query.filters.types.includes('ticket');
  const countries = query.filters.country ?? (countryBound ? [scope.country] : []);
  const groups = [query.filters.types.map(typeToken), countries.map(countryToken)];
  const narrowing = groups.filter((tokens) => {
    const share = tokens.reduce((sum, token) => sum + shareOf(token), 0);
    return tokens.length > 0 && share <= MAX_TOKEN_SHARE;
  });
  return narrowing.map((tokens) => `{sc} : (${tokens.map(quoted).join(' OR ')})`);
}

function boxSql(box: LatLngBox): Expression<SqlBool> {
  return sql<SqlBool>`(d.lat between ${box.minLat} and ${box.maxLat} and d.lng between ${box.minLng} and ${box.maxLng})`;
}

function circleBox({ lat, lng }: LatLng, radius: number): LatLngBox {
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

function nearSql(point: LatLng, radius: number): Expression<SqlBool> {
  const within = sql<SqlBool>`geo_distance(d.lat, d.lng, ${point.lat}, ${point.lng}) <= ${radius}`;
  if (radius > CELL_COVER_MAX_RADIUS) return and([boxSql(circleBox(point, radius)), within]);
  // One resolution per query, so that SQLite reads one index: fine cells for small circles, coarse ones beyond.
  const fine = radius <= FINE_CELLS_MAX_RADIUS;
  const cover = new CircleCover(point, radius, { fineUpTo: fine ? Number.POSITIVE_INFINITY : 0 });
  const cells: string[] = [];
  while (!cover.done) cells.push(...cover.next(Number.POSITIVE_INFINITY).cells);
  return and([isIn(fine ? 'd.cell9' : 'd.cell7', cells), within]);
}

export interface CompiledSearch {
  /** FROM … WHERE … without paging: shared by hits and facets. */
  from: RawBuilder<unknown>;
  where: Expression<SqlBool>;
  /** Whether the query has text: `from` reads the text table, `score` is its bm25. */
  text: boolean;
  score: RawBuilder<unknown>;
  distance: RawBuilder<unknown>;
}

/**
 * The filters of a query (no paging, no order). `in_shape` is bound to the query's area shape by the caller;
 * `shareOf` answers for the scope tokens of an index that has them (see sqlite-schema.ts), null for one without.
 */
export function searchSql(query: SearchQuery, visibility: Visibility, shareOf: TokenShare | null): CompiledSearch {
  const text = matchExpression(query.q);
  const match = text !== null && shareOf ? [text, ...scopeMatch(query, visibility, shareOf)].join(' AND ') : text;
  // `+d.type`: a type matches a quarter of the documents or more; SQLite must not pick its index over cells or text.
  const conditions: Expression<SqlBool>[] = [
    visibleSql(visibility),
    query.filters.types.length > 0 ? sql<SqlBool>`+d.type in (${sql.join(query.filters.types)})` : FALSE,
  ];
  const f = query.filters;
  if (f.status) conditions.push(isIn('d.status', f.status));
  if (f.hiddenStatus?.length) conditions.push(sql<SqlBool>`(d.status is null or d.status not in (${sql.join(f.hiddenStatus)}))`);
  if (f.stage) conditions.push(isIn('d.stage', f.stage));
  if (f.category) conditions.push(isIn('d.category', f.category));
  if (f.ownerId) conditions.push(isIn('d.owner_id', f.ownerId));
  if (f.country) conditions.push(isIn('d.country', f.country));
  if (f.pool) conditions.push(isIn('d.pool', f.pool));
  if (f.priority) conditions.push(isIn('d.priority', f.priority));
  if (f.slaStatus) conditions.push(isIn('d.sla_status', f.slaStatus));
  if (f.hasOpenTicket !== undefined) conditions.push(sql<SqlBool>`coalesce(d.open_ticket, 0) = ${Number(f.hasOpenTicket)}`);
  if (f.areaIds) conditions.push(isIn('d.area_id', f.areaIds));
  if (query.near) conditions.push(nearSql(query.near.point, query.near.radius));
  if (query.box) conditions.push(boxSql(query.box));
  if (query.shape) conditions.push(boxSql(query.shape.box), sql<SqlBool>`in_shape(d.lat, d.lng) = 1`);
  if (match !== null) conditions.push(sql<SqlBool>`doc_text match ${match}`);
  const from = match !== null ? sql`doc_text join doc d on d.seq = doc_text.rowid` : sql`doc d`;
  const origin = query.origin;
  return {
    from,
    where: and(conditions),
    text: match !== null,
    score: match === null ? sql`0` : shareOf ? BM25 : BM25_WITHOUT_SCOPE,
    distance: origin ? sql`geo_distance(d.lat, d.lng, ${origin.lat}, ${origin.lng})` : sql`null`,
  };
}

export const FACET_COLUMNS: Record<Facet, string> = {
  type: 'd.type',
  status: 'd.status',
  stage: 'd.stage',
  category: 'd.category',
  country: 'd.country',
  pool: 'd.pool',
  ownerId: 'd.owner_id',
  areaId: 'd.area_id',
  priority: 'd.priority',
  slaStatus: 'd.sla_status',
};
