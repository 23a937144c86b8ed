import { type Access, decodeIdCursor, toPage } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { type FactRow, factRepository } from '../db/fact.repository';
import { periodOf, subjectOf } from './figure-query';
import { creditedBy } from './figures';
import { visibleSubject } from './visible-subject';

export interface FactView {
  id: string;
  sourceType: string;
  sourceId: string;
  /** Where the credited record is read. */
  href: string;
  occurredAt: string;
  credit: number;
  /** The fact this one takes back, for a correction. */
  reverses: string | null;
  recordedAt: string;
}

export interface ExplainQuery {
  metric: string;
  period: string;
  subject: string;
  limit: number;
  cursor?: string;
}

const SOURCE_PATHS: Record<string, string> = {
  visit: '/api/v1/visits/',
  lead: '/api/v1/leads/',
  merchant: '/api/v1/merchants/',
  ticket: '/api/v1/tickets/',
};

/** Where a credited (or uncredited) record is read. */
export function sourceHref(sourceType: string, sourceId: string): string {
  return `${SOURCE_PATHS[sourceType] ?? '/'}${sourceId}`;
}

function toFactView(row: FactRow): FactView {
  return {
    id: row.id,
    sourceType: row.source_type,
    sourceId: row.source_id,
    href: sourceHref(row.source_type, row.source_id),
    occurredAt: new Date(Number(row.occurred_at)).toISOString(),
    credit: Number(row.credit),
    reverses: row.reverses,
    recordedAt: new Date(Number(row.recorded_at)).toISOString(),
  };
}

/** The facts behind a figure, a page at a time, and the figure itself: the sum of every fact's credit. */
export async function explainFigure(ctx: PerformanceContext, access: Access, query: ExplainQuery) {
  const period = periodOf(query.period, '/query/period');
  const visible = await visibleSubject(ctx, access, subjectOf(query.subject, '/query/subject'));
  const key = { metric: query.metric, period, credited: creditedBy(visible) };
  const value = await factRepository.sum(ctx.db, access.scope, key);
  const rows = await factRepository.list(ctx.db, access.scope, key, decodeIdCursor(query.cursor), query.limit);
  const page = toPage(rows, query.limit, (row) => [row.id], toFactView);
  return { value, facts: page.items, nextCursor: page.nextCursor };
}
