import type { ServiceMigration } from '@fieldops/platform';

export const periodRemindedSchema: ServiceMigration = {
  name: '005_period_reminded',
  async up(db, t) {
    // One row per pay period whose closing was reminded: a repeated run, or a second replica, reminds no one twice.
    await db.schema
      .createTable('performance_period_reminded')
      .addColumn('period_id', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('reminded_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
