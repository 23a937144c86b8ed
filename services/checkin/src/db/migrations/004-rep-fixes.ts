import type { ServiceMigration } from '@fieldops/platform';

/**
 * The rep's fixes in time order, answered from the index alone: every check-in reads its rep's latest fixes (the
 * risk signals' constant accuracy and travel speed), and with only the key in the index each of them was a read of its
 * visit's row, wide with answers and signals. The new index is the old one's columns and the fix's; it serves
 * everything the old one did.
 */
export const repFixesSchema: ServiceMigration = {
  name: '004_checkin_rep_fixes',
  async up(db, t) {
    await db.schema
      .createIndex('visit_rep_fixes')
      .on('visit')
      .columns(['rep_id', 'checked_in_at', 'id', 'lat', 'lng', 'accuracy_m'])
      .execute();
    // MySQL names the table of an index, SQLite may not.
    const old = db.schema.dropIndex('visit_rep_time');
    await (t.dialect === 'mysql' ? old.on('visit') : old).execute();
  },
};
