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

  /** A rep's targets for a metric in any of `periods` not reached yet. */
  async unreached(db: Db, userId: string, metric: string, periods: string[]): Promise<TargetRow[]> {
    return db
      .selectFrom('performance_target')
      .selectAll()
      .where('subject_type', '=', 'user')
      .where('subject_id', '=', userId)
      .where('metric', '=', metric)
      .where('period', 'in', periods)
      .where('reached_at', 'is', null)
      .execute();
  },

  /** The countries with at least one rep's target. */
  async countriesWithRepTargets(db: Db): Promise<string[]> {
    const rows = await db.selectFrom('performance_target').select('country').distinct().where('subject_type', '=', 'user').execute();
    return rows.map((r) => r.country);
  },

  /** The reps' targets of a country in any of `periods`, by rep then metric. */
  async ofRepsIn(db: Db, country: string, periods: string[]): Promise<TargetRow[]> {
    return db
      .selectFrom('performance_target')
      .selectAll()
      .where('subject_type', '=', 'user')
      .where('country', '=', country)
      .where('period', 'in', periods)
      .orderBy('subject_id')
      .orderBy('metric')
      .orderBy('period')
      .execute();
  },

  /** Marks a target reached; false when it already was (another event got there first). */
  async markReached(db: Db, id: string, at: number): Promise<boolean> {
    const result = await db
      .updateTable('performance_target')
      .set({ reached_at: at })
      .where('id', '=', id)
      .where('reached_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Sets the target of a metric × period × subject, replacing the one there was. */
  async set(db: Db, dialect: Dialect, target: Insertable<PerformanceTargetTable>): Promise<void> {
    const { id: _id, metric: _m, period: _p, subject_type: _t, subject_id: _s, ...changes } = target;
    // A changed target is reached anew.
    await upsert(db, dialect, 'performance_target', target, ['metric', 'period', 'subject_type', 'subject_id'], {
      ...changes,
      reached_at: null,
    });
  },
};
