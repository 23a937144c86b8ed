import type { ServiceMigration } from '@fieldops/platform';

export const accountSchema: ServiceMigration = {
  name: '001_account',
  async up(db, t) {
    await db.schema
      .createTable('org_unit')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('parent_id', t.id)
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('path', 'varchar(760)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('org_unit_path').on('org_unit').column('path').execute();
    await db.schema.createIndex('org_unit_parent').on('org_unit').column('parent_id').execute();
    await db.schema
      .createTable('role')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('description', t.string, (c) => c.notNull())
      .addColumn('permissions', t.text, (c) => c.notNull())
      .addColumn('scope', 'varchar(16)', (c) => c.notNull())
      .addColumn('built_in', t.integer, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('agency')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('user')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('email', t.string, (c) => c.notNull().unique())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('phone', 'varchar(32)')
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('org_unit_id', t.id, (c) => c.notNull())
      .addColumn('agency_id', t.id)
      .addColumn('password_hash', t.string, (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('locale', 'varchar(16)', (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('last_login_at', t.bigint)
      .execute();
    await db.schema.createIndex('user_org_unit').on('user').columns(['org_unit_id', 'id']).execute();
    await db.schema.createIndex('user_country').on('user').columns(['country', 'id']).execute();
    await db.schema
      .createTable('user_role')
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('role_id', t.id, (c) => c.notNull())
      .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role_id'])
      .execute();
    await db.schema.createIndex('user_role_role').on('user_role').column('role_id').execute();
    await db.schema
      .createTable('refresh_token')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('family_id', t.id, (c) => c.notNull())
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('expires_at', t.bigint, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('revoked_at', t.bigint)
      .addColumn('replaced_by', t.id)
      .execute();
    await db.schema.createIndex('refresh_token_family').on('refresh_token').column('family_id').execute();
    await db.schema
      .createTable('signing_key')
      .addColumn('kid', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('private_jwk', t.text, (c) => c.notNull())
      .addColumn('public_jwk', t.text, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('retired_at', t.bigint)
      .execute();
  },
};
