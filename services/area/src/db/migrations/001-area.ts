import type { ServiceMigration } from '@fieldops/platform';

export const areaSchema: ServiceMigration = {
  name: '001_area',
  async up(db, t) {
    await db.schema
      .createTable('area')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('parent_id', t.id)
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('code', 'varchar(64)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('path', 'varchar(760)', (c) => c.notNull())
      .addColumn('priority', t.integer, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('geometry', t.text, (c) => c.notNull())
      .addColumn('min_lat', t.double, (c) => c.notNull())
      .addColumn('min_lng', t.double, (c) => c.notNull())
      .addColumn('max_lat', t.double, (c) => c.notNull())
      .addColumn('max_lng', t.double, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('area_country').on('area').columns(['country', 'id']).execute();
    await db.schema.createIndex('area_parent').on('area').columns(['parent_id', 'id']).execute();
    await db.schema.createIndex('area_path').on('area').column('path').execute();
    await db.schema.createIndex('area_org_unit').on('area').column('org_unit_id').execute();
    await db.schema.createIndex('area_code').on('area').columns(['country', 'code']).unique().execute();
    await db.schema
      .createTable('area_assignment')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('area_id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('role', 'varchar(16)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('effective_from', t.bigint, (c) => c.notNull())
      .addColumn('effective_to', t.bigint)
      .addColumn('ended_at', t.bigint)
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('area_assignment_area').on('area_assignment').columns(['area_id', 'id']).execute();
    await db.schema.createIndex('area_assignment_user').on('area_assignment').column('user_id').execute();
    await db.schema.createIndex('area_assignment_from').on('area_assignment').column('effective_from').execute();
    await db.schema.createIndex('area_assignment_to').on('area_assignment').column('effective_to').execute();
    await db.schema
      .createTable('user_coverage')
      .addColumn('user_id', t.id, (c) => c.primaryKey())
      .addColumn('area_ids', t.text, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('geometry_preview')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('area_id', t.id, (c) => c.notNull())
      .addColumn('area_version', t.integer, (c) => c.notNull())
      .addColumn('geometry', t.text, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('expires_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('geometry_preview_expiry').on('geometry_preview').column('expires_at').execute();
    await db.schema
      .createTable('area_state')
      .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('value', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('known_user')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('email', t.string, (c) => c.notNull())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('known_user_email').on('known_user').column('email').execute();
    await db.schema
      .createTable('known_org_unit')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('parent_id', t.id)
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('seed_link')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('area_id', t.id, (c) => c.notNull())
      .addColumn('target', 'varchar(16)', (c) => c.notNull())
      .addColumn('match_key', t.string, (c) => c.notNull())
      .addColumn('role', 'varchar(16)')
      .execute();
    await db.schema.createIndex('seed_link_match').on('seed_link').columns(['target', 'match_key']).execute();
  },
};
