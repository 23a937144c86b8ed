import type { ServiceMigration } from '@fieldops/platform';

export const marketingSchema: ServiceMigration = {
  name: '001_marketing',
  async up(db, t) {
    await db.schema
      .createTable('campaign')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('type', 'varchar(16)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('starts_at', t.bigint, (c) => c.notNull())
      .addColumn('ends_at', t.bigint, (c) => c.notNull())
      .addColumn('budget_minor', t.bigint, (c) => c.notNull())
      .addColumn('cost_minor', t.bigint, (c) => c.notNull())
      .addColumn('cap', t.integer, (c) => c.notNull())
      .addColumn('currency', 'varchar(3)', (c) => c.notNull())
      .addColumn('accepted', t.integer, (c) => c.notNull())
      .addColumn('terms', t.text, (c) => c.notNull())
      .addColumn('talking_points', 'varchar(2000)', (c) => c.notNull())
      .addColumn('filters', t.text, (c) => c.notNull())
      .addColumn('holdout_share', t.double)
      .addColumn('seed', 'varchar(64)')
      .addColumn('launched_at', t.bigint)
      .addColumn('org_unit_id', t.id)
      .addColumn('created_by', t.id, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('campaign_country').on('campaign').columns(['country', 'id']).execute();

    await db.schema
      .createTable('campaign_member')
      .addColumn('campaign_id', t.id, (c) => c.notNull())
      .addColumn('merchant_id', t.id, (c) => c.notNull())
      .addColumn('cohort', 'varchar(16)', (c) => c.notNull())
      .addColumn('stratum', 'varchar(120)', (c) => c.notNull())
      .addColumn('merchant_name', 'varchar(200)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('area_id', t.id)
      .addColumn('tier', 'varchar(8)')
      .addColumn('owner_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('lat', t.double, (c) => c.notNull())
      .addColumn('lng', t.double, (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_member_pk', ['campaign_id', 'merchant_id'])
      .execute();

    await db.schema
      .createTable('enrollment')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('campaign_id', t.id, (c) => c.notNull())
      .addColumn('merchant_id', t.id, (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('channel', 'varchar(16)')
      .addColumn('visit_id', t.id)
      .addColumn('decided_by', 'varchar(64)')
      .addColumn('owner_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('area_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('link_expires_at', t.bigint, (c) => c.notNull())
      .addColumn('invited_at', t.bigint, (c) => c.notNull())
      .addColumn('visited_at', t.bigint)
      .addColumn('decided_at', t.bigint)
      .addColumn('cost_minor', t.bigint, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    // One enrollment per merchant and campaign: a relaunch or a retry cannot invite twice.
    await db.schema.createIndex('enrollment_member').on('enrollment').columns(['campaign_id', 'merchant_id']).unique().execute();
    await db.schema.createIndex('enrollment_merchant').on('enrollment').columns(['merchant_id', 'id']).execute();
    // The key that signs invitation links, made once and shared by every replica, so links outlive a restart.
    await db.schema
      .createTable('link_key')
      .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
      .addColumn('secret', 'varchar(64)', (c) => c.notNull())
      .execute();
  },
};
