import type { ServiceMigration } from '@fieldops/platform';

export const performanceSchema: ServiceMigration = {
  name: '001_performance',
  async up(db, t) {
    await db.schema
      .createTable('performance_fact')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('metric', 'varchar(48)', (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('area_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('occurred_at', t.bigint, (c) => c.notNull())
      .addColumn('day', 'varchar(10)', (c) => c.notNull())
      .addColumn('week', 'varchar(8)', (c) => c.notNull())
      .addColumn('month', 'varchar(7)', (c) => c.notNull())
      .addColumn('quarter', 'varchar(7)', (c) => c.notNull())
      .addColumn('source_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('source_id', t.id, (c) => c.notNull())
      .addColumn('source_event_id', t.id, (c) => c.notNull())
      .addColumn('credit', t.integer, (c) => c.notNull())
      .addColumn('reverses', t.id)
      .addColumn('recorded_at', t.bigint, (c) => c.notNull())
      .execute();
    // Each event credits a metric at most once, whatever the inbox let through.
    await db.schema.createIndex('performance_fact_event').on('performance_fact').columns(['metric', 'source_event_id']).unique().execute();
    await db.schema.createIndex('performance_fact_source').on('performance_fact').columns(['metric', 'source_type', 'source_id']).execute();
    await db.schema.createIndex('performance_fact_user').on('performance_fact').columns(['metric', 'user_id', 'day']).execute();
    await db.schema.createIndex('performance_fact_team').on('performance_fact').columns(['metric', 'org_unit_id', 'day']).execute();
    await db.schema.createIndex('performance_fact_country').on('performance_fact').columns(['metric', 'country', 'month']).execute();

    await db.schema
      .createTable('performance_source')
      .addColumn('metric', 'varchar(48)', (c) => c.notNull())
      .addColumn('source_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('source_id', t.id, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('credit', t.integer, (c) => c.notNull())
      .addPrimaryKeyConstraint('performance_source_pk', ['metric', 'source_type', 'source_id'])
      .execute();

    await db.schema
      .createTable('performance_merchant')
      .addColumn('merchant_id', t.id, (c) => c.primaryKey())
      .addColumn('owner_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('area_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('performance_org_unit')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('parent_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('performance_target')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('metric', 'varchar(48)', (c) => c.notNull())
      .addColumn('period', 'varchar(10)', (c) => c.notNull())
      .addColumn('subject_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('subject_id', t.id, (c) => c.notNull())
      .addColumn('org_unit_id', t.id, (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('value', t.integer, (c) => c.notNull())
      .addColumn('set_by', t.id, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('performance_target_subject')
      .on('performance_target')
      .columns(['metric', 'period', 'subject_type', 'subject_id'])
      .unique()
      .execute();
  },
};
