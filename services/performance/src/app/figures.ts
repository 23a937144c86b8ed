import type { Access } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { type FigureKey, factRepository } from '../db/fact.repository';
import { targetRepository } from '../db/target.repository';
import { formatSubject } from '../domain/subject';
import { METRIC_NAMES } from '../metrics';
import { periodOf, subjectOf } from './figure-query';
import { type VisibleSubject, visibleSubject } from './visible-subject';

export interface FigureView {
  metric: string;
  period: string;
  subject: string;
  value: number;
  target?: number;
  /** value ÷ target, when there is a target above zero. */
  attainment?: number;
}

export interface FiguresQuery {
  metric?: string;
  period: string;
  /** `user:{id}` or `org-unit:{id}`; the caller when left out. */
  subject?: string;
}

/** Which facts a visible subject's figure sums. */
export function creditedBy(visible: VisibleSubject): FigureKey['credited'] {
  return visible.subject.type === 'user' ? { userId: visible.subject.id } : { orgUnitIds: visible.orgUnitIds };
}

/**
 * A subject's figures for one period (every metric, or one), with targets and attainment. Only facts in the
 * caller's scope are summed, so a total never counts what the caller may not see.
 */
export async function figures(ctx: PerformanceContext, access: Access, query: FiguresQuery): Promise<{ items: FigureView[] }> {
  const period = periodOf(query.period, '/query/period');
  const subject = subjectOf(query.subject ?? `user:${access.caller.userId}`, '/query/subject');
  const visible = await visibleSubject(ctx, access, subject);
  const targets = await targetRepository.forSubject(ctx.db, period.key, subject.type, subject.id);
  const metrics = query.metric === undefined ? METRIC_NAMES : [query.metric];
  const items: FigureView[] = [];
  for (const metric of metrics) {
    const value = await factRepository.sum(ctx.db, access.scope, { metric, period, credited: creditedBy(visible) });
    const target = targets.get(metric);
    items.push({
      metric,
      period: period.key,
      subject: formatSubject(subject),
      value,
      ...(target !== undefined ? { target } : {}),
      ...(target !== undefined && target > 0 ? { attainment: value / target } : {}),
    });
  }
  return { items };
}
