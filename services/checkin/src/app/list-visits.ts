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

/** Visits in the caller's scope, in device-time order (the order they happened, whatever order they arrived in). */
export async function listVisitRows(
  ctx: CheckinContext,
  { caller, scope }: Access,
  query: VisitQuery,
  cursorField = '/query/cursor',
): Promise<Page<VisitRow>> {
  const { mine, ...rest } = query;
  const filters: VisitFilters = mine ? { ...rest, repId: caller.userId } : rest;
  if (mine && query.repId !== undefined && query.repId !== caller.userId) return { items: [], nextCursor: null };
  if (query.date !== undefined) {
    if (!isCalendarDate(query.date)) throw new ValidationError([{ field: '/query/date', message: 'is not a YYYY-MM-DD date' }]);
    const { from, to } = localDayBounds(query.date, ctx.countries.get(caller.country).timezone);
    filters.from = from;
    filters.to = to;
  }
  const rows = await visitRepository.list(await ctx.reads(), scope, filters, afterKey(query.cursor, cursorField), query.limit);
  return toPage(
    rows,
    query.limit,
    (row) => [Number(row.checked_in_at), row.id],
    (row) => row,
  );
}
