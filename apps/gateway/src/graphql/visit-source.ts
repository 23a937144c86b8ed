import { CheckinService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import type { ResolverContext } from './bff-context';
import { type VisitView, visitFromRpc } from './views';

/** The checkin service's own page cap. */
const PAGE = 200;

export interface VisitFilter {
  repId?: string;
  /** YYYY-MM-DD in the caller's country's timezone. */
  date?: string;
  targetType?: string;
  targetId?: string;
}

/**
 * Visits through CheckinService.ListVisits with the caller's token (so the checkin service applies the caller's
 * scope), oldest first, at most `pages` pages of 200: a screen costs a fixed number of calls, not one per visit.
 */
export async function listVisits(ctx: ResolverContext, filter: VisitFilter, pages = 1): Promise<VisitView[]> {
  const client = ctx.rpc.client(CheckinService);
  const visits: VisitView[] = [];
  let pageToken = '';
  for (let page = 0; page < pages; page++) {
    const answer = await client.listVisits({ ...filter, limit: PAGE, pageToken }, asCaller(ctx.token));
    visits.push(...answer.visits.map(visitFromRpc));
    pageToken = answer.nextPageToken;
    if (!pageToken) break;
  }
  return visits;
}

/** The newest `count` visits of a list in device-time order, newest first. */
export function newest(visits: VisitView[], count: number): VisitView[] {
  return visits.slice(-count).reverse();
}
