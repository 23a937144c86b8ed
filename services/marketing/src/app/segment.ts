import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, AreaService, PerformanceService, type ResolvedScope, type SearchItem, SearchService } from '@fieldops/contracts';
import { localDateTime } from '@fieldops/countries';
import { type Access, asCaller, UnprocessableError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { mayRunCampaigns, type RefreshPause } from '../domain/refresh-pause';
import { indexHoldsAll, inRange, matchesHitFilters, type SegmentFilters, usesFigures } from '../domain/segment-filters';

/** A merchant of a segment, as the search read model (and the performance service) describe it. */
export interface SegmentMember {
  merchantId: string;
  name: string;
  country: string;
  areaId: string | null;
  areaPath: string | null;
  tier: string | null;
  status: string | null;
  category: string | null;
  ownerId: string | null;
  ownerName: string | null;
  lat: number;
  lng: number;
  lastVerifiedVisitAt: number | null;
}

const PAGE = 100;
const FIGURE_BATCH = 1000;
const DAY_MS = 86_400_000;

/**
 * Whom a segment is read for. A caller: their own token, so search applies their scope. A stored user who is not
 * calling (a campaign's creator, for a scheduled refresh): the service's own token with the scope the account service
 * resolved for that user, which search applies instead of the token's.
 */
export interface SegmentReader {
  call: { headers: Record<string, string> };
  onBehalfOf?: ResolvedScope;
}

export const readerOf = (access: Access): SegmentReader => ({ call: asCaller(access.caller.token) });

/**
 * The reader of a campaign's scheduled refresh: its creator as the account service knows them now, with the scope
 * and the permission creating a campaign took (`campaign:write`), or why the refresh must take in nobody.
 */
export async function creatorReader(ctx: MarketingContext, userId: string): Promise<SegmentReader | { paused: RefreshPause }> {
  const call = await ctx.asService();
  try {
    const { scope } = await ctx.rpc.client(AccountService).resolveScope({ userId }, call);
    if (!scope) return { paused: 'creator-inactive' };
    if (!mayRunCampaigns(scope.permissions)) return { paused: 'creator-lacks-permission' };
    return { call, onBehalfOf: scope };
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.NotFound) return { paused: 'creator-inactive' };
    throw error;
  }
}

/** The areas and owners a filter names must be ones the caller can see: else a 422 naming the field. */
export async function checkReferences(ctx: MarketingContext, access: Access, filters: SegmentFilters, field: string): Promise<void> {
  const as = asCaller(access.caller.token);
  const areas = [...(filters.areaIds ?? []), ...(filters.withinAreaId ? [filters.withinAreaId] : [])];
  for (const areaId of new Set(areas)) {
    const found = await ctx.rpc
      .client(AreaService)
      .getArea({ id: areaId }, as)
      .then((answer) => answer.area !== undefined)
      .catch((error: unknown) => {
        if (error instanceof ConnectError && (error.code === Code.NotFound || error.code === Code.InvalidArgument)) return false;
        throw error;
      });
    if (!found) {
      const name = filters.withinAreaId === areaId ? 'withinAreaId' : 'areaIds';
      throw new UnprocessableError('A filter names an area outside your scope.', [
        { field: `${field}/${name}`, message: 'is not an area you can see' },
      ]);
    }
  }
  const owners = [...new Set(filters.ownerIds ?? [])];
  if (owners.length > 0) {
    const { users } = await ctx.rpc.client(AccountService).batchGetUsers({ ids: owners }, as);
    if (users.length !== owners.length) {
      throw new UnprocessableError('A filter names a user outside your scope.', [
        { field: `${field}/ownerIds`, message: 'is not a user you can see' },
      ]);
    }
  }
}

/** Orders and GMV of each merchant over its country's last 30 local days (through yesterday). */
export async function last30Days(ctx: MarketingContext, reader: SegmentReader, merchantIds: string[], country: string) {
  const timezone = ctx.countries.get(country).timezone;
  const now = ctx.clock.now();
  const to = localDateTime(now - DAY_MS, timezone).date;
  const from = localDateTime(now - 30 * DAY_MS, timezone).date;
  return figuresBetween(ctx, reader.call, merchantIds, from, to);
}

/** Each merchant's summed figures over local days [from, to], from the performance service. */
export async function figuresBetween(ctx: MarketingContext, call: SegmentReader['call'], merchantIds: string[], from: string, to: string) {
  const totals = new Map<string, { orders: number; gmvMinor: number }>();
  const client = ctx.rpc.client(PerformanceService);
  for (let i = 0; i < merchantIds.length; i += FIGURE_BATCH) {
    const ids = merchantIds.slice(i, i + FIGURE_BATCH);
    const { figures } = await client.merchantFigures({ merchantIds: ids, from, to }, call);
    for (const f of figures) totals.set(f.merchantId, { orders: Number(f.orders), gmvMinor: Number(f.gmvMinor) });
  }
  return totals;
}

/** The search request of a segment's index-held filters, in a country. */
function segmentQuery(reader: SegmentReader, country: string, filters: SegmentFilters) {
  return {
    types: ['merchant'],
    countries: [country],
    areaIds: filters.areaIds ?? [],
    areaId: filters.withinAreaId ?? '',
    categories: filters.categories ?? [],
    statuses: filters.statuses ?? [],
    ownerIds: filters.ownerIds ?? [],
    hasOpenTicket: filters.hasOpenTicket,
    onBehalfOf: reader.onBehalfOf,
  };
}

function memberOf(item: SearchItem): SegmentMember {
  const details = JSON.parse(item.detailsJson || '{}') as { tier?: string };
  return {
    merchantId: item.id,
    name: item.title,
    country: item.country,
    areaId: item.areaId ?? null,
    areaPath: item.areaPath ?? null,
    tier: details.tier ?? null,
    status: item.status ?? null,
    category: item.category ?? null,
    ownerId: item.ownerId ?? null,
    ownerName: item.ownerName ?? null,
    lat: item.lat,
    lng: item.lng,
    lastVerifiedVisitAt: item.lastVerifiedVisitAt === undefined ? null : Number(item.lastVerifiedVisitAt),
  };
}

/**
 * The merchants a segment holds, within the reader's scope: search applies it, so a filter can never reach a
 * merchant the reader could not read. The names in the filters are checked by the callers (checkReferences).
 */
export async function segmentMembers(
  ctx: MarketingContext,
  reader: SegmentReader,
  country: string,
  filters: SegmentFilters,
): Promise<SegmentMember[]> {
  const search = ctx.rpc.client(SearchService);
  const members: SegmentMember[] = [];
  let cursor = '';
  do {
    const page = await search.search({ ...segmentQuery(reader, country, filters), limit: PAGE, cursor }, reader.call);
    for (const item of page.items) {
      const member = memberOf(item);
      if (matchesHitFilters(member, filters)) members.push(member);
    }
    cursor = page.nextCursor;
  } while (cursor !== '');
  if (!usesFigures(filters) || members.length === 0) return members;
  const figures = await last30Days(
    ctx,
    reader,
    members.map((m) => m.merchantId),
    country,
  );
  return members.filter((m) => {
    const f = figures.get(m.merchantId) ?? { orders: 0, gmvMinor: 0 };
    return inRange(f.orders, filters.orders30d) && inRange(f.gmvMinor, filters.gmv30dMinor);
  });
}

/**
 * How many merchants a segment holds and its first `sample` (in the order the members are read). When the index
 * holds every filter it counts them itself, in one query; filters it does not hold (tier, last visit, figures) are
 * judged member by member, so those segments are read whole.
 */
export async function segmentCount(
  ctx: MarketingContext,
  reader: SegmentReader,
  country: string,
  filters: SegmentFilters,
  sample: number,
): Promise<{ count: number; sample: SegmentMember[] }> {
  if (!indexHoldsAll(filters)) {
    const members = await segmentMembers(ctx, reader, country, filters);
    return { count: members.length, sample: members.slice(0, sample) };
  }
  const page = await ctx.rpc
    .client(SearchService)
    .search({ ...segmentQuery(reader, country, filters), limit: sample, withTotal: true }, reader.call);
  return { count: Number(page.total ?? 0n), sample: page.items.map(memberOf) };
}
