import type { ServiceMigration } from '@fieldops/platform';

export const uncountedSchema: ServiceMigration = {
  name: '006_uncounted',
  async up(db, t) {
    await db.schema
      .createTable('performance_uncounted')
      .addColumn('metric', 'varchar(48)', (c) => c.notNull())
      .addColumn('source_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('source_id', t.id, (c) => c.notNull())
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
      .addColumn('reason', 'varchar(24)', (c) => c.notNull())
      .addColumn('detail', 'varchar(1000)', (c) => c.notNull())
      .addColumn('recorded_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('performance_uncounted_pk', ['metric', 'source_type', 'source_id'])
      .execute();
    await db.schema.createIndex('performance_uncounted_user').on('performance_uncounted').columns(['user_id', 'month']).execute();
    await db.schema.createIndex('performance_uncounted_team').on('performance_uncounted').columns(['org_unit_id', 'month']).execute();
  },
};
