import type { ServiceMigration } from '@fieldops/platform';

/** The areas each user covers, as the area service announces them (`area.coverage.changed.v1`): data scope `area`. */
export const userAreaSchema: ServiceMigration = {
  name: '002_user_area',
  async up(db, t) {
    await db.schema
      .createTable('user_area')
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('area_id', t.id, (c) => c.notNull())
      .addPrimaryKeyConstraint('user_area_pk', ['user_id', 'area_id'])
      .execute();
    // The version of the last coverage applied per user: an older event (a replayed dead letter) changes nothing.
    await db.schema
      .createTable('user_area_version')
      .addColumn('user_id', t.id, (c) => c.primaryKey())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
  },
};
