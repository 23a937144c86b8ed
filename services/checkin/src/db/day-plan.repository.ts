import { type ResolvedScope, scopeFilter, updateVersioned } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { CheckinDb, DayPlanTable } from './schema';

export type DayPlanRow = Selectable<DayPlanTable>;
type Db = Kysely<CheckinDb> | Transaction<CheckinDb>;

const PLAN_SCOPE = {
  owner: 'day_plan.rep_id',
  orgUnit: 'day_plan.org_unit_id',
  country: 'day_plan.country',
  agency: 'day_plan.agency_id',
};

export const dayPlanRepository = {
  async find(db: Db, repId: string, date: string, scope?: ResolvedScope): Promise<DayPlanRow | undefined> {
    const query = db.selectFrom('day_plan').selectAll().where('rep_id', '=', repId).where('plan_date', '=', date);
    return (scope ? query.where(scopeFilter(scope, PLAN_SCOPE)) : query).executeTakeFirst();
  },

  async insert(db: Db, row: DayPlanRow): Promise<void> {
    await db.insertInto('day_plan').values(row).execute();
  },

  async update(db: Db, id: string, expectedVersion: number, changes: Updateable<DayPlanTable>): Promise<boolean> {
    return updateVersioned(db, 'day_plan', id, expectedVersion, changes);
  },
};
