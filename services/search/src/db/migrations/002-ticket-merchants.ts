import type { ServiceMigration } from '@fieldops/platform';

/** Which merchant each ticket is about and whether it is open: a merchant's "has an open ticket". */
export const ticketMerchantSchema: ServiceMigration = {
  name: '002_ticket_merchants',
  async up(db, t) {
    await db.schema
      .createTable('search_ticket_merchant')
      .addColumn('ticket_id', t.id, (c) => c.primaryKey())
      .addColumn('merchant_id', t.id)
      .addColumn('open', t.integer, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_ticket_merchant_open').on('search_ticket_merchant').columns(['merchant_id', 'open']).execute();
  },
};
