import type { ServiceMigration } from '@fieldops/platform';

export const checkinSchema: ServiceMigration = {
  name: '001_checkin',
  async up(db, t) {
    await db.schema
      .createTable('visit')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('rep_id', t.id, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('area_id', t.id)
      .addColumn('target_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('target_id', t.id, (c) => c.notNull())
      .addColumn('target_name', t.string, (c) => c.notNull())
      .addColumn('target_lat', t.double, (c) => c.notNull())
      .addColumn('target_lng', t.double, (c) => c.notNull())
      .addColumn('lat', t.double, (c) => c.notNull())
      .addColumn('lng', t.double, (c) => c.notNull())
      .addColumn('accuracy_m', t.double, (c) => c.notNull())
      .addColumn('distance_m', t.double, (c) => c.notNull())
      .addColumn('mock_location', t.boolean, (c) => c.notNull())
      .addColumn('offline', t.boolean, (c) => c.notNull())
      .addColumn('checked_in_at', t.bigint, (c) => c.notNull())
      .addColumn('received_at', t.bigint, (c) => c.notNull())
      .addColumn('check_in_fingerprint', 'varchar(64)', (c) => c.notNull())
      .addColumn('checked_out_at', t.bigint)
      .addColumn('check_out_received_at', t.bigint)
      .addColumn('check_out_fingerprint', 'varchar(64)')
      .addColumn('dwell_seconds', t.integer)
      .addColumn('outcome', 'varchar(32)')
      .addColumn('notes', t.text, (c) => c.notNull())
      .addColumn('follow_up_at', t.bigint)
      .addColumn('answers', t.text, (c) => c.notNull())
      .addColumn('photo_ids', t.text, (c) => c.notNull())
      .addColumn('risk_score', t.double, (c) => c.notNull())
      .addColumn('risk_signals', t.text, (c) => c.notNull())
      .addColumn('verification', 'varchar(16)', (c) => c.notNull())
      .addColumn('reviewed_by', t.id)
      .addColumn('review_reason', 'varchar(500)')
      .addColumn('reviewed_at', t.bigint)
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('visit_rep_time').on('visit').columns(['rep_id', 'checked_in_at', 'id']).execute();
    await db.schema.createIndex('visit_time').on('visit').columns(['checked_in_at', 'id']).execute();
    await db.schema.createIndex('visit_target').on('visit').columns(['target_type', 'target_id', 'checked_in_at']).execute();
    await db.schema.createIndex('visit_verification').on('visit').columns(['verification', 'checked_in_at']).execute();
    await db.schema
      .createTable('visit_photo')
      .addColumn('visit_id', t.id, (c) => c.notNull())
      .addColumn('photo_id', t.string, (c) => c.notNull())
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('visit_photo_pk', ['visit_id', 'photo_id'])
      .execute();
    await db.schema.createIndex('visit_photo_sha256').on('visit_photo').columns(['sha256']).execute();
    await db.schema
      .createTable('pending_check_out')
      .addColumn('visit_id', t.id, (c) => c.primaryKey())
      .addColumn('rep_id', t.id, (c) => c.notNull())
      .addColumn('body', t.text, (c) => c.notNull())
      .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
      .addColumn('received_at', t.bigint, (c) => c.notNull())
      .addColumn('problem', t.text)
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('day_plan')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('rep_id', t.id, (c) => c.notNull())
      .addColumn('plan_date', 'varchar(10)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('stops', t.text, (c) => c.notNull())
      .addColumn('total_distance_m', t.double, (c) => c.notNull())
      .addColumn('travel_seconds', t.integer, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addUniqueConstraint('day_plan_rep_date', ['rep_id', 'plan_date'])
      .execute();
  },
};
