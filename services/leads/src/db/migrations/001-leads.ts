import type { ServiceMigration } from '@fieldops/platform';

export const leadsSchema: ServiceMigration = {
  name: '001_leads',
  async up(db, t) {
    await db.schema
      .createTable('lead')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('name_key', t.string, (c) => c.notNull())
      .addColumn('phone', 'varchar(32)')
      .addColumn('phone_masked', 'varchar(32)')
      .addColumn('address', 'varchar(500)', (c) => c.notNull())
      .addColumn('category', 'varchar(16)', (c) => c.notNull())
      .addColumn('lat', t.double, (c) => c.notNull())
      .addColumn('lng', t.double, (c) => c.notNull())
      .addColumn('area_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('owner_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('pool', 'varchar(16)', (c) => c.notNull())
      .addColumn('stage', 'varchar(16)', (c) => c.notNull())
      .addColumn('protected_until', t.bigint)
      .addColumn('claimed_at', t.bigint)
      .addColumn('warned_for', t.bigint)
      .addColumn('next_follow_up_at', t.bigint)
      .addColumn('duplicate_of', t.id)
      .addColumn('merchant_id', t.id)
      .addColumn('conversion_status', 'varchar(16)', (c) => c.notNull())
      .addColumn('conversion_reason', 'varchar(1000)')
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lead_owner').on('lead').columns(['owner_id', 'id']).execute();
    await db.schema.createIndex('lead_pool').on('lead').columns(['country', 'pool', 'id']).execute();
    await db.schema.createIndex('lead_location').on('lead').columns(['country', 'lat', 'lng']).execute();
    await db.schema.createIndex('lead_phone').on('lead').columns(['phone', 'country']).execute();
    await db.schema.createIndex('lead_protection').on('lead').columns(['protected_until']).execute();

    await db.schema
      .createTable('lead_claim_history')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('lead_id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('event', 'varchar(16)', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lead_claim_history_lead').on('lead_claim_history').columns(['lead_id', 'user_id', 'at']).execute();

    await db.schema
      .createTable('lead_holding')
      .addColumn('user_id', t.id, (c) => c.primaryKey())
      .addColumn('held', t.integer, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('lead_follow_up')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('lead_id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('note', 'varchar(2000)', (c) => c.notNull())
      .addColumn('next_follow_up_at', t.bigint)
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lead_follow_up_lead').on('lead_follow_up').columns(['lead_id', 'at']).execute();
  },
};
