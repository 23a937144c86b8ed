import type { Kysely, Selectable, Transaction } from 'kysely';
import type { LeadFollowUpTable, LeadsDb } from './schema';

type Db = Kysely<LeadsDb> | Transaction<LeadsDb>;
export type FollowUpRow = Selectable<LeadFollowUpTable>;

export const followUpRepository = {
  async insert(db: Db, row: FollowUpRow): Promise<void> {
    await db.insertInto('lead_follow_up').values(row).execute();
  },

  /** Whether a follow-up was already recorded from this visit. */
  async hasVisit(db: Db, visitId: string): Promise<boolean> {
    return (await db.selectFrom('lead_follow_up').select('id').where('visit_id', '=', visitId).executeTakeFirst()) !== undefined;
  },

  /** A lead's follow-ups, newest first. */
  async ofLead(db: Db, leadId: string): Promise<FollowUpRow[]> {
    return db.selectFrom('lead_follow_up').selectAll().where('lead_id', '=', leadId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  },
};
