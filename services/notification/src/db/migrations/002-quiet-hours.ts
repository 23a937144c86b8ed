import type { ServiceMigration } from '@fieldops/platform';

/** A user's own quiet hours and time zone; a null column falls back to the country's default. */
export const quietHoursSchema: ServiceMigration = {
  name: '002_quiet_hours',
  async up(db, t) {
    await db.schema
      .createTable('notification_quiet_hours')
      .addColumn('user_id', t.id, (c) => c.primaryKey())
      // Local wall-clock 'HH:MM'; both set or both null.
      .addColumn('quiet_start', 'varchar(5)')
      .addColumn('quiet_end', 'varchar(5)')
      .addColumn('time_zone', 'varchar(64)')
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
