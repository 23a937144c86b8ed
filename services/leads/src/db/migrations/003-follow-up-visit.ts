import type { ServiceMigration } from '@fieldops/platform';

/** A follow-up recorded from a field visit names the visit: one visit counts once, however often it is delivered. */
export const followUpVisitSchema: ServiceMigration = {
  name: '003_lead_follow_up_visit',
  async up(db, t) {
    await db.schema.alterTable('lead_follow_up').addColumn('visit_id', t.id).execute();
    await db.schema.createIndex('lead_follow_up_visit').on('lead_follow_up').column('visit_id').unique().execute();
  },
};
