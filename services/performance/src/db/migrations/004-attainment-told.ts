import type { ServiceMigration } from '@fieldops/platform';

export const attainmentToldSchema: ServiceMigration = {
  name: '004_attainment_told',
  async up(db, t) {
    // One row per rep and local day told their attainment: a repeated run of the day tells no one twice.
    await db.schema
      .createTable('performance_attainment_told')
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('date', 'varchar(10)', (c) => c.notNull())
      .addColumn('told_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('performance_attainment_told_pk', ['user_id', 'date'])
      .execute();
  },
};
