import type { ServiceMigration } from '@fieldops/platform';

export const searchSchema: ServiceMigration = {
  name: '001_search',
  async up(db, t) {
    await db.schema
      .createTable('search_user')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('search_area')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('parent_id', t.id)
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('deleted', t.integer, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_area_parent').on('search_area').column('parent_id').execute();
    await db.schema
      .createTable('search_merchant_visit')
      .addColumn('merchant_id', t.id, (c) => c.primaryKey())
      .addColumn('last_verified_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('search_source')
      .addColumn('source', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('last_event_at', t.bigint, (c) => c.notNull())
      .addColumn('last_applied_at', t.bigint, (c) => c.notNull())
      .addColumn('last_lag_ms', t.bigint, (c) => c.notNull())
      .addColumn('events', t.bigint, (c) => c.notNull())
      .execute();
  },
};
