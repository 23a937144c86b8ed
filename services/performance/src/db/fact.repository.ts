import { type Dialect, forUpdate, insertIfAbsent, type ResolvedScope, scopeFilter } from '@fieldops/platform';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { PeriodKind } from '../domain/period';
import type { PerformanceDb, PerformanceFactTable, PerformanceSourceTable } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;
export type FactRow = Selectable<PerformanceFactTable>;
export type SourceRow = Selectable<PerformanceSourceTable>;

/** A fact is visible through the rep it credits, the team and area they were in, their country and agency. */
const FACT_SCOPE = { owner: 'user_id', orgUnit: 'org_unit_id', area: 'area_id', country: 'country', agency: 'agency_id' };
export const factsInScope = (scope: ResolvedScope) => scopeFilter(scope, FACT_SCOPE);

/** Which facts a figure sums: one metric, one period, one rep or the reps of a team's subtree. */
export interface FigureKey {
  metric: string;
  period: { kind: PeriodKind; key: string };
  credited: { userId: string } | { orgUnitIds: string[] };
}

function figureQuery(db: Db, scope: ResolvedScope, key: FigureKey) {
  const query = db
    .selectFrom('performance_fact')
    .where('metric', '=', key.metric)
    .where(key.period.kind, '=', key.period.key)
    .where(factsInScope(scope));
  return 'userId' in key.credited
    ? query.where('user_id', '=', key.credited.userId)
    : query.where('org_unit_id', 'in', key.credited.orgUnitIds.length > 0 ? key.credited.orgUnitIds : ['']);
}

export const factRepository = {
  async insert(db: Db, fact: Insertable<PerformanceFactTable>): Promise<void> {
    await db.insertInto('performance_fact').values(fact).execute();
  },

  /** The source's facts that add credit and are not yet taken back, newest first. */
  async unreversedCredits(db: Db, metric: string, sourceType: string, sourceId: string): Promise<FactRow[]> {
    const facts = await db
      .selectFrom('performance_fact')
      .selectAll()
      .where('metric', '=', metric)
      .where('source_type', '=', sourceType)
      .where('source_id', '=', sourceId)
      .orderBy('id', 'desc')
      .execute();
    const reversed = new Set(facts.map((f) => f.reverses).filter((id) => id !== null));
    return facts.filter((f) => f.credit > 0 && !reversed.has(f.id));
  },

  /** Where a source stands for a metric, unlocked (a replay skips those already in step). */
  async source(db: Db, metric: string, sourceType: string, sourceId: string): Promise<SourceRow | undefined> {
    return db
      .selectFrom('performance_source')
      .selectAll()
      .where('metric', '=', metric)
      .where('source_type', '=', sourceType)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
  },

  /** Locks the source's standing for this metric (made at version -1 and credit 0 when new). */
  async lockSource(
    db: Transaction<PerformanceDb>,
    dialect: Dialect,
    metric: string,
    sourceType: string,
    sourceId: string,
  ): Promise<SourceRow> {
    await insertIfAbsent(db, dialect, 'performance_source', {
      metric,
      source_type: sourceType,
      source_id: sourceId,
      version: -1,
      credit: 0,
    });
    const query = db
      .selectFrom('performance_source')
      .selectAll()
      .where('metric', '=', metric)
      .where('source_type', '=', sourceType)
      .where('source_id', '=', sourceId);
    return forUpdate(query, dialect).executeTakeFirstOrThrow();
  },

  async setSource(db: Db, row: SourceRow): Promise<void> {
    await db
      .updateTable('performance_source')
      .set({ version: row.version, credit: row.credit })
      .where('metric', '=', row.metric)
      .where('source_type', '=', row.source_type)
      .where('source_id', '=', row.source_id)
      .execute();
  },

  async sum(db: Db, scope: ResolvedScope, key: FigureKey): Promise<number> {
    const row = await figureQuery(db, scope, key)
      .select((eb) => eb.fn.sum<number | string | null>('credit').as('value'))
      .executeTakeFirst();
    return Number(row?.value ?? 0);
  },

  /** The facts behind a figure in id (recording) order, after `afterId`. */
  async list(db: Db, scope: ResolvedScope, key: FigureKey, afterId: string | undefined, limit: number): Promise<FactRow[]> {
    let query = figureQuery(db, scope, key).selectAll();
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  /** A rep's units of every metric in a month of one country. */
  async unitsOf(db: Db, userId: string, country: string, month: string): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('performance_fact')
      .select((eb) => ['metric', eb.fn.sum<number | string>('credit').as('units')])
      .where('user_id', '=', userId)
      .where('month', '=', month)
      .where('country', '=', country)
      .groupBy('metric')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.metric, Number(r.units)]));
  },

  /** The reps credited (or debited) in any of `months` of a country. */
  async creditedReps(db: Db, country: string, months: string[]): Promise<string[]> {
    const rows = await db
      .selectFrom('performance_fact')
      .select('user_id')
      .distinct()
      .where('country', '=', country)
      .where('month', 'in', months.length > 0 ? months : [''])
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  },

  /** A rep's facts of a month recorded since `after`: the corrections an adjustment settles. */
  async recordedAfter(db: Db, userId: string, country: string, month: string, after: number, limit: number): Promise<FactRow[]> {
    return db
      .selectFrom('performance_fact')
      .selectAll()
      .where('user_id', '=', userId)
      .where('month', '=', month)
      .where('country', '=', country)
      .where('recorded_at', '>=', after)
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /** Each rep's sum for one metric and period over the facts `scope` shows, highest first (ties by user id). */
  async leaderboard(
    db: Db,
    scope: ResolvedScope,
    metric: string,
    period: { kind: PeriodKind; key: string },
    board: { orgUnitIds: string[] | undefined; areaId: string | undefined; agencyId: string | undefined; limit: number },
  ): Promise<{ userId: string; value: number }[]> {
    const { orgUnitIds, areaId, agencyId, limit } = board;
    let query = db
      .selectFrom('performance_fact')
      .select((eb) => ['user_id', eb.fn.sum<number | string>('credit').as('value')])
      .where('metric', '=', metric)
      .where(period.kind, '=', period.key)
      .where(factsInScope(scope));
    if (orgUnitIds !== undefined) query = query.where('org_unit_id', 'in', orgUnitIds.length > 0 ? orgUnitIds : ['']);
    if (areaId !== undefined) query = query.where('area_id', '=', areaId);
    if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
    const rows = await query
      .groupBy('user_id')
      .orderBy((eb) => eb.fn.sum('credit'), 'desc')
      .orderBy('user_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ userId: r.user_id, value: Number(r.value) }));
  },
};
