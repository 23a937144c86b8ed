import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CheckinDb, PendingCheckOutTable } from './schema';

export type PendingCheckOutRow = Selectable<PendingCheckOutTable>;
type Db = Kysely<CheckinDb> | Transaction<CheckinDb>;

export const pendingCheckOutRepository = {
  async find(db: Db, visitId: string): Promise<PendingCheckOutRow | undefined> {
    return db.selectFrom('pending_check_out').selectAll().where('visit_id', '=', visitId).executeTakeFirst();
  },

  async insert(db: Db, row: PendingCheckOutRow): Promise<void> {
    await db.insertInto('pending_check_out').values(row).execute();
  },

  async remove(db: Db, visitId: string): Promise<void> {
    await db.deleteFrom('pending_check_out').where('visit_id', '=', visitId).execute();
  },

  async markProblem(db: Db, visitId: string, problem: string): Promise<void> {
    await db.updateTable('pending_check_out').set({ problem }).where('visit_id', '=', visitId).execute();
  },

  /** Waiting check-outs whose check-in has arrived (the safety net for a race between the two). */
  async readyToApply(db: Db, limit: number): Promise<PendingCheckOutRow[]> {
    return db
      .selectFrom('pending_check_out')
      .selectAll()
      .where('problem', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('visit').select('visit.id').whereRef('visit.id', '=', 'pending_check_out.visit_id')))
      .orderBy('received_at')
      .limit(limit)
      .execute();
  },
};
