import type { ServiceMigration } from '@fieldops/platform';
import { sql } from 'kysely';

/** The device's clock at a check-in, kept as evidence beside the recorded time (which is the server's). */
export const deviceTimeSchema: ServiceMigration = {
  name: '002_checkin_device_time',
  async up(db, t) {
    await db.schema.alterTable('visit').addColumn('device_checked_in_at', t.bigint).execute();
    await sql`update visit set device_checked_in_at = checked_in_at`.execute(db);
  },
};
