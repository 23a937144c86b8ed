import type { ServiceMigration } from '@fieldops/platform';

export const merchantDaysSchema: ServiceMigration = {
  name: '002_merchant_days',
  async up(db, t) {
    await db.schema
      .createTable('performance_merchant_day')
      .addColumn('merchant_id', t.id, (c) => c.notNull())
      .addColumn('day', 'varchar(10)', (c) => c.notNull())
      .addColumn('orders', t.integer, (c) => c.notNull())
      .addColumn('gmv_minor', t.bigint, (c) => c.notNull())
      .addColumn('currency', 'varchar(3)', (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('performance_merchant_day_pk', ['merchant_id', 'day'])
      .execute();
  },
};
