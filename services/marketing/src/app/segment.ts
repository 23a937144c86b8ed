import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, AreaService, PerformanceService, SearchService } from '@fieldops/contracts';
import { localDateTime } from '@fieldops/countries';
import { type Access, asCaller, UnprocessableError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { inRange, matchesHitFilters, type SegmentFilters, usesFigures } from '../domain/segment-filters';

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
export async function last30Days(ctx: MarketingContext, access: Access, merchantIds: string[], country: string) {
  const timezone = ctx.countries.get(country).timezone;
  const now = ctx.clock.now();
  const to = localDateTime(now - DAY_MS, timezone).date;
  const from = localDateTime(now - 30 * DAY_MS, timezone).date;
  return figuresBetween(ctx, access, merchantIds, from, to);
}

/** Each merchant's summed figures over local days [from, to], from the performance service. */
export async function figuresBetween(ctx: MarketingContext, access: Access, merchantIds: string[], from: string, to: string) {
  const totals = new Map<string, { orders: number; gmvMinor: number }>();
  const client = ctx.rpc.client(PerformanceService);
  for (let i = 0; i < merchantIds.length; i += FIGURE_BATCH) {
    const ids = merchantIds.slice(i, i + FIGURE_BATCH);
    const { figures } = await client.merchantFigures({ merchantIds: ids, from, to }, asCaller(access.caller.token));
    for (const f of figures) totals.set(f.merchantId, { orders: Number(f.orders), gmvMinor: Number(f.gmvMinor) });
  }
  return totals;
}

/**
 * The merchants a segment holds, within the caller's scope: the search service answers with the caller's token,
 * so a filter can never reach a merchant the caller could not read. `field` is where the filters sit in the request.
 */
export async function segmentMembers(
  ctx: MarketingContext,
  access: Access,
  country: string,
  filters: SegmentFilters,
  field = '/body/filters',
): Promise<SegmentMember[]> {
  await checkReferences(ctx, access, filters, field);
  const search = ctx.rpc.client(SearchService);
  const members: SegmentMember[] = [];
  let cursor = '';
  do {
    const page = await search.search(
      {
        types: ['merchant'],
        countries: [country],
        areaIds: filters.areaIds ?? [],
        areaId: filters.withinAreaId ?? '',
        categories: filters.categories ?? [],
        statuses: filters.statuses ?? [],
        ownerIds: filters.ownerIds ?? [],
        limit: PAGE,
        cursor,
      },
      asCaller(access.caller.token),
    );
    for (const item of page.items) {
      const details = JSON.parse(item.detailsJson || '{}') as { tier?: string };
      const member: SegmentMember = {
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
      if (matchesHitFilters(member, filters)) members.push(member);
    }
    cursor = page.nextCursor;
  } while (cursor !== '');
  if (!usesFigures(filters) || members.length === 0) return members;
  const figures = await last30Days(
    ctx,
    access,
    members.map((m) => m.merchantId),
    country,
  );
  return members.filter((m) => {
    const f = figures.get(m.merchantId) ?? { orders: 0, gmvMinor: 0 };
    return inRange(f.orders, filters.orders30d) && inRange(f.gmvMinor, filters.gmv30dMinor);
  });
}
