import { type Access, decodeCursor, toPage } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { type UncountedKey, type UncountedRow, uncountedRepository } from '../db/uncounted.repository';
import type { UncountedReason } from '../domain/uncounted';
import { sourceHref } from './explain';
import { periodOf, subjectOf } from './figure-query';
import { creditedBy } from './figures';
import { visibleSubject } from './visible-subject';

export interface UncountedQuery {
  period: string;
  /** `user:{id}` or `org-unit:{id}`; the caller when left out. */
  subject?: string;
  limit: number;
  cursor?: string;
}

export interface UncountedView {
  metric: string;
  sourceType: string;
  sourceId: string;
  href: string;
  occurredAt: string;
  reason: UncountedReason;
  detail: string;
  recordedAt: string;
}

function toUncountedView(row: UncountedRow): UncountedView {
  return {
    metric: row.metric,
    sourceType: row.source_type,
    sourceId: row.source_id,
    href: sourceHref(row.source_type, row.source_id),
    occurredAt: new Date(Number(row.occurred_at)).toISOString(),
    reason: row.reason as UncountedReason,
    detail: row.detail,
    recordedAt: new Date(Number(row.recorded_at)).toISOString(),
  };
}

/**
 * What a subject did in a period that counts for nothing now, and why: the other side of a figure. The same scope
 * as the figure's: a rep their own, a manager the reps and teams they may see.
 */
export async function listUncounted(ctx: PerformanceContext, access: Access, query: UncountedQuery) {
  const period = periodOf(query.period, '/query/period');
  const subject = subjectOf(query.subject ?? `user:${access.caller.userId}`, '/query/subject');
  const visible = await visibleSubject(ctx, access, subject);
  const after = decodeCursor(query.cursor, ['number', 'string', 'string']) as UncountedKey | undefined;
  const rows = await uncountedRepository.list(ctx.db, access.scope, { period, credited: creditedBy(visible) }, after, query.limit);
  return toPage(rows, query.limit, (row) => [Number(row.occurred_at), row.metric, row.source_id], toUncountedView);
}
