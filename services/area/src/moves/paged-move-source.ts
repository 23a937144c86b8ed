import type { DescService } from '@bufbuild/protobuf';
import { asCaller, type Principal, rpcOwner, ServiceUnavailableError } from '@fieldops/platform';
import type { AreaContext } from '../config';
import type { BBox } from '../domain/geometry';
import type { AreaMoveSource, LocatedRecord } from './area-move-source';

const PAGE = 1000;

export interface BoxPageRequest {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
  limit: number;
  cursor: string;
}

/** One page of an owner's in-box RPC, as the caller: the records and the cursor of the next page ("" at the end). */
export type FetchBoxPage = (
  request: BoxPageRequest,
  options: ReturnType<typeof asCaller>,
) => Promise<{ records: LocatedRecord[]; next: string }>;

/**
 * A move source reading an owner's in-box RPC page by page until the box is exhausted or `limit` is reached.
 * An owner that is neither in this process nor at a SERVICE_<OWNER>_URL is not asked (undefined).
 */
export function pagedMoveSource(ctx: AreaContext, kind: string, service: DescService, fetchPage: FetchBoxPage): AreaMoveSource | undefined {
  const owner = rpcOwner(service);
  if (!ctx.rpc.isLocal(owner) && !ctx.config.serviceUrls[owner]) return undefined;
  return {
    kind,
    async recordsIn([minLng, minLat, maxLng, maxLat]: BBox, caller: Principal, limit: number) {
      const records: LocatedRecord[] = [];
      let cursor = '';
      try {
        do {
          const request = { minLat, minLng, maxLat, maxLng, limit: Math.min(PAGE, limit - records.length + 1), cursor };
          const page = await fetchPage(request, asCaller(caller.token));
          records.push(...page.records);
          cursor = page.next;
        } while (cursor !== '' && records.length <= limit);
      } catch (error) {
        ctx.log.warn({ err: error, owner }, `${kind} records could not be listed for a geometry preview`);
        throw new ServiceUnavailableError(
          `The ${owner} service cannot be reached, so the ${kind}s that would move cannot be listed; try again.`,
        );
      }
      return { records: records.slice(0, limit), truncated: records.length > limit };
    },
  };
}
