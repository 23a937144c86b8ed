import { type Access, NotFoundError, type ResolvedScope } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import { periodOf } from './figure-query';
import { visibleSubject } from './visible-subject';

export interface LeaderboardQuery {
  metric: string;
  period: string;
  /** The team (and its subtree) to rank; every rep in the caller's scope when left out (a rep: their own team). */
  orgUnitId?: string;
  /** Only what was credited in this area, or to people of this agency (both within the caller's scope). */
  areaId?: string;
  agencyId?: string;
  limit: number;
}

export interface LeaderboardRow {
  /** Equal values share a rank (1, 1, 3). */
  rank: number;
  userId: string;
  value: number;
}

/** A rep's own figures are self-scoped, but their board is their team's: the team stands in for them. */
function boardScope(scope: ResolvedScope): ResolvedScope {
  return scope.scope === 'self' ? { ...scope, scope: 'team', orgUnitIds: [scope.orgUnitId] } : scope;
}

/**
 * The reps of a team ranked by a metric over a period. Each rep's value sums the facts credited while they were in
 * the team, so a rep who moved mid-period counts on each team's board for the days they worked in it. An area's or
 * an agency's board works the same way on the area and agency each fact was credited in; being read from the facts
 * in the caller's scope, a board of an area or agency outside it ranks no one.
 */
export async function leaderboard(ctx: PerformanceContext, access: Access, query: LeaderboardQuery) {
  const period = periodOf(query.period, '/query/period');
  const scope = boardScope(access.scope);
  let orgUnitIds: string[] | undefined;
  if (access.scope.scope === 'self') {
    if (query.orgUnitId !== undefined && query.orgUnitId !== access.caller.orgUnitId) throw new NotFoundError('Org unit');
    orgUnitIds = [access.caller.orgUnitId];
  } else if (query.orgUnitId !== undefined) {
    orgUnitIds = (await visibleSubject(ctx, access, { type: 'org-unit', id: query.orgUnitId })).orgUnitIds;
  }
  const rows = await factRepository.leaderboard(ctx.db, scope, query.metric, period, {
    orgUnitIds,
    areaId: query.areaId,
    agencyId: query.agencyId,
    limit: query.limit,
  });
  const items: LeaderboardRow[] = [];
  for (const [index, row] of rows.entries()) {
    const previous = items[index - 1];
    const rank = previous !== undefined && previous.value === row.value ? previous.rank : index + 1;
    items.push({ rank, userId: row.userId, value: row.value });
  }
  return {
    metric: query.metric,
    period: period.key,
    orgUnitId: query.orgUnitId ?? (access.scope.scope === 'self' ? access.caller.orgUnitId : null),
    areaId: query.areaId ?? null,
    agencyId: query.agencyId ?? null,
    items,
  };
}
