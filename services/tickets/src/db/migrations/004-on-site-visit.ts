import type { ServiceMigration } from '@fieldops/platform';

/**
 * The visit of a ticket's latest completion on site, indexed: when the checkin service flags that visit after the
 * ticket was resolved, the ticket is found by it and goes back to review.
 */
export const onSiteVisitSchema: ServiceMigration = {
  name: '004_ticket_on_site_visit',
  async up(db, t) {
    await db.schema.alterTable('ticket').addColumn('on_site_visit_id', t.id).execute();
    await db.schema.createIndex('ticket_on_site_visit').on('ticket').column('on_site_visit_id').execute();
  },
};
