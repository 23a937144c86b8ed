import type { ServiceMigration } from '@fieldops/platform';

export const merchantSchema: ServiceMigration = {
  name: '001_merchant',
  async up(db, t) {
    await db.schema
      .createTable('merchant')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('legal_name', t.string, (c) => c.notNull())
      .addColumn('brand_name', t.string, (c) => c.notNull())
      .addColumn('category', 'varchar(16)', (c) => c.notNull())
      .addColumn('tier', 'varchar(1)', (c) => c.notNull())
      .addColumn('contacts', t.text, (c) => c.notNull())
      .addColumn('address', 'varchar(500)', (c) => c.notNull())
      .addColumn('place_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('lat', t.double, (c) => c.notNull())
      .addColumn('lng', t.double, (c) => c.notNull())
      .addColumn('area_id', t.id)
      .addColumn('owner_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('business_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('documents', t.text, (c) => c.notNull())
      .addColumn('lead_id', t.id, (c) => c.unique())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('merchant_lat_lng').on('merchant').columns(['lat', 'lng']).execute();
    await db.schema.createIndex('merchant_owner').on('merchant').columns(['owner_id', 'id']).execute();
    await db.schema.createIndex('merchant_status').on('merchant').columns(['status', 'id']).execute();
    await db.schema
      .createTable('merchant_transition')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('merchant_id', t.id, (c) => c.notNull())
      .addColumn('from_status', 'varchar(16)', (c) => c.notNull())
      .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
      .addColumn('reason', 'varchar(500)', (c) => c.notNull())
      .addColumn('actor_id', t.id, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('merchant_transition_merchant').on('merchant_transition').columns(['merchant_id', 'at']).execute();
    await db.schema
      .createTable('merchant_owner_change')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('merchant_id', t.id, (c) => c.notNull())
      .addColumn('from_owner_id', t.id)
      .addColumn('to_owner_id', t.id, (c) => c.notNull())
      .addColumn('reason', 'varchar(500)', (c) => c.notNull())
      .addColumn('actor_id', t.id, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('merchant_owner_change_merchant').on('merchant_owner_change').columns(['merchant_id', 'at']).execute();
  },
};
