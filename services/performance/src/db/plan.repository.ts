import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { PlanRules } from '../domain/incentive-plan';
import type { PerformanceDb, PerformancePlanTable } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;
export type PlanRow = Selectable<PerformancePlanTable>;

export const rulesOf = (row: Pick<PlanRow, 'rules'>): PlanRules => JSON.parse(row.rules) as PlanRules;

export const planRepository = {
  async list(db: Db, countries: string[] | 'all'): Promise<PlanRow[]> {
    let query = db.selectFrom('performance_plan').selectAll();
    if (countries !== 'all') query = query.where('country', 'in', countries.length > 0 ? countries : ['']);
    return query.orderBy('country').orderBy('role').execute();
  },

  async forRole(db: Db, country: string, role: string): Promise<PlanRow | undefined> {
    return db.selectFrom('performance_plan').selectAll().where('country', '=', country).where('role', '=', role).executeTakeFirst();
  },

  async insert(db: Db, row: Insertable<PerformancePlanTable>): Promise<void> {
    await db.insertInto('performance_plan').values(row).execute();
  },

  /** Replaces a plan's rules when it is still at `version`; false when someone changed it first. */
  async update(db: Db, row: PlanRow, version: number): Promise<boolean> {
    const { id, ...changes } = row;
    const result = await db
      .updateTable('performance_plan')
      .set(changes)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};
