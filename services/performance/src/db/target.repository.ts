import { type Dialect, upsert } from '@fieldops/platform';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { PerformanceDb, PerformanceTargetTable } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;
export type TargetRow = Selectable<PerformanceTargetTable>;

export const targetRepository = {
  /** The targets of one subject and period, by metric. */
  async forSubject(db: Db, period: string, subjectType: 'user' | 'org-unit', subjectId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('performance_target')
      .select(['metric', 'value'])
      .where('period', '=', period)
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .execute();
    return new Map(rows.map((r) => [r.metric, Number(r.value)]));
  },

  /** Sets the target of a metric × period × subject, replacing the one there was. */
  async set(db: Db, dialect: Dialect, target: Insertable<PerformanceTargetTable>): Promise<void> {
    const { id: _id, metric: _m, period: _p, subject_type: _t, subject_id: _s, ...changes } = target;
    await upsert(db, dialect, 'performance_target', target, ['metric', 'period', 'subject_type', 'subject_id'], changes);
  },
};
