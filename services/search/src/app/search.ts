import { Code, ConnectError } from '@connectrpc/connect';
import { AreaService } from '@fieldops/contracts';
import { asCaller, can, ForbiddenError, NotFoundError, type Principal, type ResolvedScope, requirePermission } from '@fieldops/platform';
import type { SearchContext } from '../config';
import { shapeOfGeoJson } from '../domain/area-shape';
import { highlight } from '../domain/highlights';
import type { SearchDocument } from '../domain/search-document';
import { type AreaShape, HIDDEN_UNLESS_ASKED, type SearchHit, type SearchQuery } from '../domain/search-query';
import { queryParts } from '../domain/text-terms';
import { READ_PERMISSION, type Visibility } from '../domain/visibility';
import { areaTree } from './enrich';
import {
  afterOf,
  bboxOf,
  cursorOf,
  DEFAULT_LIMIT,
  facetsOf,
  geoOf,
  listOf,
  MAX_LIMIT,
  type SearchInput,
  sortOf,
  typesOf,
} from './search-input';

/** An area's polygon, read with the caller's own token: an area outside their scope is not found. */
async function areaShape(ctx: SearchContext, caller: Principal, areaId: string): Promise<AreaShape> {
  try {
    const { area } = await ctx.rpc.client(AreaService).getArea({ id: areaId }, { ...asCaller(caller.token), timeoutMs: 5000 });
    const shape = area ? shapeOfGeoJson(area.geometryJson) : null;
    if (!shape) throw new NotFoundError('Area');
    return shape;
  } catch (error) {
    if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.PermissionDenied))
      throw new NotFoundError('Area');
    throw error;
  }
}

/** What the API shows of a document; a public-pool lead's phone stays hidden, as in the leads service. */
function itemOf(hit: SearchHit, parts: ReturnType<typeof queryParts>) {
  const doc: SearchDocument = hit.doc;
  const details = { ...doc.details };
  if (doc.type === 'lead' && doc.ownerId === null) delete details.phone;
  const highlights: Record<string, string> = {};
  for (const [field, text] of [
    ['title', doc.title],
    ['address', doc.address],
  ] as const) {
    const marked = highlight(text, parts);
    if (marked !== null) highlights[field] = marked;
  }
  return {
    type: doc.type,
    id: doc.id,
    title: doc.title,
    ...(hit.score !== undefined ? { score: hit.score } : {}),
    ...(hit.distance !== undefined ? { distance: Math.round(hit.distance * 10) / 10 } : {}),
    ...(Object.keys(highlights).length > 0 ? { highlights } : {}),
    address: doc.address,
    lat: doc.lat,
    lng: doc.lng,
    country: doc.country,
    category: doc.category,
    status: doc.status,
    stage: doc.stage,
    pool: doc.pool,
    areaId: doc.areaId,
    areaPath: doc.areaPath,
    ownerId: doc.ownerId,
    ownerName: doc.ownerName,
    lastVerifiedVisitAt: doc.lastVerifiedVisitAt === null ? null : new Date(doc.lastVerifiedVisitAt).toISOString(),
    ...(doc.type === 'ticket'
      ? {
          priority: doc.priority ?? null,
          slaStatus: doc.slaStatus ?? null,
          breachAt: doc.breachAt == null ? null : new Date(doc.breachAt).toISOString(),
        }
      : {}),
    ...(doc.type === 'merchant' ? { hasOpenTicket: doc.hasOpenTicket ?? false } : {}),
    updatedAt: new Date(doc.updatedAt).toISOString(),
    details,
  };
}

export type SearchItem = ReturnType<typeof itemOf>;
export interface SearchAnswer {
  items: SearchItem[];
  facets: Record<string, Record<string, number>>;
  nextCursor: string | null;
  /** Every hit, when the input asked for it. */
  total?: number;
  /** With facets or a total: false when they counted part of a text query's matches (each a lower bound). */
  exhaustive?: boolean;
}

/** The types the caller asked for and may read (search:read alone shows nothing the owners would not). */
function visibleTypes(caller: Principal, input: SearchInput) {
  return typesOf(input).filter((type) => can(caller, READ_PERMISSION[type]));
}

/**
 * One search, always within the caller's data scope — hits, facet counts and total alike. `onBehalfOf` is the scope
 * of a user a FieldOps service searches for (the RPC admits it from services only): it replaces the caller's.
 */
export async function search(ctx: SearchContext, caller: Principal, input: SearchInput, onBehalfOf?: ResolvedScope): Promise<SearchAnswer> {
  requirePermission(caller, 'search:read');
  const types = visibleTypes(caller, input);
  if (types.length === 0) throw new ForbiddenError('None of the asked types may be read with your permissions.');
  const visibility: Visibility = { scope: onBehalfOf ?? (await ctx.scopes.resolve(caller)), types };
  const q = (input.q ?? '').trim();
  const geo = geoOf(input);
  const hasText = queryParts(q).length > 0;
  const sort = sortOf(input, hasText, geo.origin !== undefined);
  const areaFilter = listOf(input.area);
  const status = listOf(input.status);
  const query: SearchQuery = {
    q,
    filters: {
      types,
      status,
      hiddenStatus: HIDDEN_UNLESS_ASKED.filter((hidden) => !status?.includes(hidden)),
      stage: listOf(input.stage),
      category: listOf(input.category),
      ownerId: listOf(input.owner),
      country: listOf(input.country)?.map((c) => c.toUpperCase()),
      pool: listOf(input.pool),
      priority: listOf(input.priority),
      slaStatus: listOf(input.sla),
      hasOpenTicket: input.hasOpenTicket,
      areaIds: areaFilter ? await subtreesOf(ctx, areaFilter) : undefined,
    },
    near: geo.origin && geo.radius !== undefined ? { point: geo.origin, radius: geo.radius } : undefined,
    box: bboxOf(input),
    shape: input.areaId ? await areaShape(ctx, caller, input.areaId) : undefined,
    origin: geo.origin,
    sort,
    limit: Math.min(Math.max(input.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT),
    after: afterOf(input.cursor, sort),
    facets: facetsOf(input),
    withTotal: input.withTotal,
  };
  const result = await ctx.deps.holder.current.search(query, visibility);
  const parts = queryParts(q);
  const last = result.hits[result.hits.length - 1];
  return {
    items: result.hits.map((hit) => itemOf(hit, parts)),
    facets: result.facets as Record<string, Record<string, number>>,
    nextCursor: result.more && last ? cursorOf(sort, last.key) : null,
    ...(result.total !== undefined ? { total: result.total } : {}),
    ...(result.exhaustive !== undefined ? { exhaustive: result.exhaustive } : {}),
  };
}

async function subtreesOf(ctx: SearchContext, areaIds: string[]): Promise<string[]> {
  const tree = await areaTree(ctx, ctx.db);
  return [...new Set(areaIds.flatMap((id) => tree.subtree(id)))];
}
