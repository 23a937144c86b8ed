import { type Dialect, type ResolvedScope, upsert } from '@fieldops/platform';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { FigureKey } from './fact.repository';
import { factsInScope } from './fact.repository';
import type { PerformanceDb, PerformanceUncountedTable } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;
export type UncountedRow = Selectable<PerformanceUncountedTable>;

/** A position in newest-first order: (occurred_at, metric, source_id). */
export type UncountedKey = [number, string, string];

export const uncountedRepository = {
  /** Records why a source credits a metric nothing, replacing what was said before. */
  async put(db: Db, dialect: Dialect, row: Insertable<PerformanceUncountedTable>): Promise<void> {
    const { metric: _m, source_type: _t, source_id: _s, ...update } = row;
    await upsert(db, dialect, 'performance_uncounted', row, ['metric', 'source_type', 'source_id'], update);
  },

  /** The source counts now (or was taken back without a reason to tell): nothing left to explain. */
  async clear(db: Db, metric: string, sourceType: string, sourceId: string): Promise<void> {
    await db
      .deleteFrom('performance_uncounted')
      .where('metric', '=', metric)
      .where('source_type', '=', sourceType)
      .where('source_id', '=', sourceId)
      .execute();
  },

  /** What did not count for a subject in a period, in the caller's scope, newest first, after `after`. */
  async list(
    db: Db,
    scope: ResolvedScope,
    key: Omit<FigureKey, 'metric'>,
    after: UncountedKey | undefined,
    limit: number,
  ): Promise<UncountedRow[]> {
    let query = db.selectFrom('performance_uncounted').selectAll().where(key.period.kind, '=', key.period.key).where(factsInScope(scope));
    query =
      'userId' in key.credited
        ? query.where('user_id', '=', key.credited.userId)
        : query.where('org_unit_id', 'in', key.credited.orgUnitIds.length > 0 ? key.credited.orgUnitIds : ['']);
    if (after) {
      const [at, metric, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('occurred_at', '<', at),
          eb.and([eb('occurred_at', '=', at), eb('metric', '>', metric)]),
          eb.and([eb('occurred_at', '=', at), eb('metric', '=', metric), eb('source_id', '>', id)]),
        ]),
      );
    }
    return query
      .orderBy('occurred_at', 'desc')
      .orderBy('metric')
      .orderBy('source_id')
      .limit(limit + 1)
      .execute();
  },
};
