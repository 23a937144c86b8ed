import type { ServiceMigration } from '@fieldops/platform';

export const fileSchema: ServiceMigration = {
  name: '001_file',
  async up(db, t) {
    await db.schema
      .createTable('blob')
      .addColumn('sha256', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('mime_type', 'varchar(128)', (c) => c.notNull())
      .addColumn('width', t.integer)
      .addColumn('height', t.integer)
      .addColumn('taken_at', t.bigint)
      .addColumn('gps_lat', t.double)
      .addColumn('gps_lng', t.double)
      .addColumn('thumbnail_key', t.string)
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('file')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('file_name', t.string, (c) => c.notNull())
      .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
      .addColumn('owner_id', t.id, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('file_sha256').on('file').columns(['sha256', 'id']).execute();
    await db.schema.createIndex('file_owner').on('file').columns(['owner_id', 'id']).execute();
    await db.schema.createIndex('file_org_unit').on('file').columns(['org_unit_id', 'id']).execute();
    await db.schema
      .createTable('file_upload')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('file_name', t.string, (c) => c.notNull())
      .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
      .addColumn('declared_size', t.bigint)
      .addColumn('staging_key', t.string, (c) => c.notNull())
      .addColumn('owner_id', t.id, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('expires_at', t.bigint, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('linked_record')
      .addColumn('record_type', 'varchar(32)', (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('owner_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('area_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('scope_version', t.integer, (c) => c.notNull())
      .addColumn('links_version', t.integer, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('linked_record_pk', ['record_type', 'record_id'])
      .execute();
    await db.schema
      .createTable('file_link')
      .addColumn('record_type', 'varchar(32)', (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('file_id', t.string, (c) => c.notNull())
      .addPrimaryKeyConstraint('file_link_pk', ['record_type', 'record_id', 'file_id'])
      .execute();
    await db.schema.createIndex('file_link_file').on('file_link').columns(['file_id']).execute();
    await db.schema
      .createTable('blob_backfill')
      .addColumn('target', 'varchar(191)', (c) => c.primaryKey())
      .addColumn('after_sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('completed_at', t.bigint)
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
