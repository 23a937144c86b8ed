import type { VisitTargetType, VisitVerification } from '@fieldops/contracts';
import { isCalendarDate, localDayBounds } from '@fieldops/countries';
import { type Access, decodeCursor, type Page, toPage, ValidationError } from '@fieldops/platform';
import type { CheckinContext } from '../config';
import { type VisitFilters, type VisitKey, type VisitRow, visitRepository } from '../db/visit.repository';

export interface VisitQuery {
  repId?: string;
  /** YYYY-MM-DD in the caller's country's timezone (device time of the check-in). */
  date?: string;
  targetType?: VisitTargetType;
  targetId?: string;
  verification?: VisitVerification;
  state?: 'open' | 'closed';
  /** Only the caller's own visits (narrows the scope; never widens it). */
  mine?: boolean;
  limit: number;
  cursor?: string;
}

function afterKey(cursor: string | undefined, field: string): VisitKey | undefined {
  const key = cursor === undefined ? undefined : decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [at, id] = key;
  if (typeof at !== 'number' || typeof id !== 'string') throw new ValidationError([{ field, message: 'is not a cursor this API issued' }]);
  return [at, id];
}

/** The repository's filters for a query: `mine` narrows to the caller, `date` becomes the day's bounds in their country. */
function filtersOf(ctx: CheckinContext, { caller }: Access, query: Omit<VisitQuery, 'limit' | 'cursor'>): VisitFilters | undefined {
  const { mine, ...rest } = query;
  if (mine && query.repId !== undefined && query.repId !== caller.userId) return undefined;
  const filters: VisitFilters = mine ? { ...rest, repId: caller.userId } : rest;
  if (query.date !== undefined) {
    if (!isCalendarDate(query.date)) throw new ValidationError([{ field: '/query/date', message: 'is not a YYYY-MM-DD date' }]);
    const { from, to } = localDayBounds(query.date, ctx.countries.get(caller.country).timezone);
    filters.from = from;
    filters.to = to;
  }
  return filters;
}

/** Visits in the caller's scope, in device-time order (the order they happened, whatever order they arrived in). */
export async function listVisitRows(
  ctx: CheckinContext,
  access: Access,
  query: VisitQuery,
  cursorField = '/query/cursor',
): Promise<Page<VisitRow>> {
  const { limit, cursor, ...rest } = query;
  const filters = filtersOf(ctx, access, rest);
  if (filters === undefined) return { items: [], nextCursor: null };
  const rows = await visitRepository.list(await ctx.reads(), access.scope, filters, afterKey(cursor, cursorField), limit);
  return toPage(
    rows,
    limit,
    (row) => [Number(row.checked_in_at), row.id],
    (row) => row,
  );
}

/** How many visits in the caller's scope match the query: every page of it, for a total that is not a page's length. */
export async function countVisits(ctx: CheckinContext, access: Access, query: Omit<VisitQuery, 'limit' | 'cursor'>): Promise<number> {
  const filters = filtersOf(ctx, access, query);
  return filters === undefined ? 0 : visitRepository.count(await ctx.reads(), access.scope, filters);
}
