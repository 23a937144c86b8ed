import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter } from '@connectrpc/connect';
import { type ResolvedScope as ScopeMessage, type SearchItemSchema, type SearchRequest, SearchService } from '@fieldops/contracts';
import {
  AppError,
  DATA_SCOPES,
  type DataScope,
  isServiceIdentity,
  type Principal,
  type ResolvedScope,
  rpcCaller,
} from '@fieldops/platform';
import { type SearchItem, search } from '../app/search';
import type { SearchInput } from '../app/search-input';
import type { SearchContext } from '../config';

const joined = (values: string[]) => (values.length > 0 ? values.join(',') : undefined);

/** The RPC request as the REST query it mirrors. */
function inputOf(request: SearchRequest): SearchInput {
  return {
    q: request.q,
    type: joined(request.types),
    lat: request.lat,
    lng: request.lng,
    radius: request.radiusM,
    bbox: joined(request.bbox.map(String)),
    areaId: request.areaId || undefined,
    status: joined(request.statuses),
    stage: joined(request.stages),
    category: joined(request.categories),
    owner: joined(request.ownerIds),
    area: joined(request.areaIds),
    country: joined(request.countries),
    pool: joined(request.pools),
    priority: joined(request.priorities),
    sla: joined(request.slaStatuses),
    hasOpenTicket: request.hasOpenTicket,
    sort: request.sort || undefined,
    limit: request.limit > 0 ? request.limit : undefined,
    cursor: request.cursor || undefined,
    facets: joined(request.facets),
    withTotal: request.withTotal,
  };
}

/** The scope a service searches within for a user who is not calling; only a FieldOps service may name one. */
function onBehalfOf(caller: Principal, scope: ScopeMessage | undefined): ResolvedScope | undefined {
  if (!scope) return undefined;
  if (!isServiceIdentity(caller))
    throw new ConnectError('only a FieldOps service may search on behalf of another user', Code.PermissionDenied);
  if (!scope.userId || !DATA_SCOPES.includes(scope.scope as DataScope))
    throw new ConnectError('on_behalf_of is not a resolved scope', Code.InvalidArgument);
  return {
    userId: scope.userId,
    scope: scope.scope as DataScope,
    country: scope.country,
    orgUnitId: scope.orgUnitId,
    orgUnitIds: scope.orgUnitIds,
    areaIds: scope.areaIds,
    agencyId: scope.agencyId ?? null,
  };
}

function itemMessage(item: SearchItem): MessageInitShape<typeof SearchItemSchema> {
  const some = (value: string | null) => (value === null ? undefined : value);
  return {
    type: item.type,
    id: item.id,
    title: item.title,
    score: item.score,
    distanceM: item.distance,
    highlights: item.highlights ?? {},
    address: item.address,
    lat: item.lat,
    lng: item.lng,
    country: item.country,
    category: some(item.category),
    status: some(item.status),
    stage: some(item.stage),
    pool: some(item.pool),
    areaId: some(item.areaId),
    areaPath: some(item.areaPath),
    ownerId: some(item.ownerId),
    ownerName: some(item.ownerName),
    lastVerifiedVisitAt: item.lastVerifiedVisitAt === null ? undefined : BigInt(Date.parse(item.lastVerifiedVisitAt)),
    updatedAt: BigInt(Date.parse(item.updatedAt)),
    detailsJson: JSON.stringify(item.details),
    priority: some(item.priority ?? null),
    slaStatus: some(item.slaStatus ?? null),
    breachAt: item.breachAt == null ? undefined : BigInt(Date.parse(item.breachAt)),
    hasOpenTicket: item.hasOpenTicket,
  };
}

/** The app's errors as Connect codes, as the other services map them. */
function mapped(error: unknown): never {
  if (!(error instanceof AppError)) throw error;
  const code =
    error.status === 400
      ? Code.InvalidArgument
      : error.status === 403
        ? Code.PermissionDenied
        : error.status === 404
          ? Code.NotFound
          : Code.FailedPrecondition;
  const fields = error.errors.map((e) => `${e.field} ${e.message}`).join('; ');
  throw new ConnectError(fields ? `${error.message} ${fields}` : error.message, code);
}

export function searchRpc(router: ConnectRouter, ctx: SearchContext): void {
  router.service(SearchService, {
    async search(request, context) {
      const caller = rpcCaller(context);
      const scope = onBehalfOf(caller, request.onBehalfOf);
      try {
        const answer = await search(ctx, caller, inputOf(request), scope);
        return {
          items: answer.items.map(itemMessage),
          facets: Object.fromEntries(
            Object.entries(answer.facets).map(([facet, counts]) => [
              facet,
              { counts: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, BigInt(n)])) },
            ]),
          ),
          nextCursor: answer.nextCursor ?? '',
          ...(answer.total !== undefined ? { total: BigInt(answer.total) } : {}),
        };
      } catch (error) {
        return mapped(error);
      }
    },
  });
}
