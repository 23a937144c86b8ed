import type { ServiceMigration } from '@fieldops/platform';

export const migrationSchema: ServiceMigration = {
  name: '001_migration',
  async up(db, t) {
    await db.schema
      .createTable('migration_route_mode')
      .addColumn('route', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('mode', 'varchar(16)', (c) => c.notNull())
      .addColumn('file_mode', 'varchar(16)', (c) => c.notNull())
      .addColumn('changed_by', 'varchar(128)', (c) => c.notNull())
      .addColumn('changed_at', t.bigint, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('migration_diff_sample')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('route', 'varchar(64)', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('method', 'varchar(8)', (c) => c.notNull())
      .addColumn('path', t.text, (c) => c.notNull())
      .addColumn('served', 'varchar(8)', (c) => c.notNull())
      .addColumn('legacy_status', t.integer, (c) => c.notNull())
      .addColumn('fieldops_status', t.integer, (c) => c.notNull())
      .addColumn('differences', t.text, (c) => c.notNull())
      .addColumn('legacy_body', t.text, (c) => c.notNull())
      .addColumn('fieldops_body', t.text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('migration_diff_sample_route_id').on('migration_diff_sample').columns(['route', 'id']).execute();
    await db.schema
      .createTable('migration_compare_minute')
      .addColumn('route', 'varchar(64)', (c) => c.notNull())
      .addColumn('minute', t.bigint, (c) => c.notNull())
      .addColumn('matched', t.integer, (c) => c.notNull())
      .addColumn('mismatched', t.integer, (c) => c.notNull())
      .addColumn('failed', t.integer, (c) => c.notNull())
      .addPrimaryKeyConstraint('migration_compare_minute_pk', ['route', 'minute'])
      .execute();
    await db.schema
      .createTable('migration_drift')
      .addColumn('route', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('drift', t.integer, (c) => c.notNull())
      .addColumn('report', t.text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('migration_import_cursor')
      .addColumn('route', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('sequence', t.bigint, (c) => c.notNull())
      .execute();
  },
};
