import type { ServiceMigration } from '@fieldops/platform';

export const notificationSchema: ServiceMigration = {
  name: '001_notification',
  async up(db, t) {
    await db.schema
      .createTable('notice')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('workflow', 'varchar(64)', (c) => c.notNull())
      .addColumn('source_key', 'varchar(128)', (c) => c.notNull())
      .addColumn('severity', 'varchar(16)', (c) => c.notNull())
      .addColumn('title', 'varchar(500)', (c) => c.notNull())
      .addColumn('body', 'varchar(4000)', (c) => c.notNull())
      .addColumn('link', 'varchar(500)')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('read_at', t.bigint)
      .addColumn('archived_at', t.bigint)
      .execute();
    await db.schema.createIndex('notice_once').on('notice').columns(['workflow', 'source_key', 'user_id']).unique().execute();
    await db.schema.createIndex('notice_inbox').on('notice').columns(['user_id', 'id']).execute();
    await db.schema.createIndex('notice_created').on('notice').columns(['created_at']).execute();

    await db.schema
      .createTable('delivery')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('workflow', 'varchar(64)', (c) => c.notNull())
      .addColumn('channel', 'varchar(16)', (c) => c.notNull())
      .addColumn('source_key', 'varchar(128)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('locale', 'varchar(35)', (c) => c.notNull())
      .addColumn('address', 'varchar(500)')
      .addColumn('subject', 'varchar(500)', (c) => c.notNull())
      .addColumn('text', t.text, (c) => c.notNull())
      .addColumn('html', t.text)
      .addColumn('link', 'varchar(500)')
      .addColumn('severity', 'varchar(16)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('attempts', t.integer, (c) => c.notNull())
      .addColumn('driver', 'varchar(32)')
      .addColumn('provider_answer', 'varchar(1000)')
      .addColumn('next_attempt_at', t.bigint)
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('sent_at', t.bigint)
      .execute();
    await db.schema
      .createIndex('delivery_once')
      .on('delivery')
      .columns(['workflow', 'source_key', 'user_id', 'channel'])
      .unique()
      .execute();
    await db.schema.createIndex('delivery_due').on('delivery').columns(['next_attempt_at']).execute();
    await db.schema.createIndex('delivery_country').on('delivery').columns(['country', 'id']).execute();

    await db.schema
      .createTable('notification_preference')
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('workflow', 'varchar(64)', (c) => c.notNull())
      .addColumn('channel', 'varchar(16)', (c) => c.notNull())
      .addColumn('enabled', t.boolean, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_preference_pk', ['user_id', 'workflow', 'channel'])
      .execute();

    await db.schema
      .createTable('push_subscription')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('endpoint', 'varchar(1000)', (c) => c.notNull())
      .addColumn('p256dh', 'varchar(255)', (c) => c.notNull())
      .addColumn('auth', 'varchar(255)', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('push_subscription_user').on('push_subscription').columns(['user_id']).execute();

    await db.schema
      .createTable('digest_item')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('workflow', 'varchar(64)', (c) => c.notNull())
      .addColumn('channel', 'varchar(16)', (c) => c.notNull())
      .addColumn('source_key', 'varchar(128)', (c) => c.notNull())
      .addColumn('line', 'varchar(1000)', (c) => c.notNull())
      .addColumn('link', 'varchar(500)')
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('locale', 'varchar(35)', (c) => c.notNull())
      .addColumn('address', 'varchar(500)')
      .addColumn('due_at', t.bigint, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('digest_item_once')
      .on('digest_item')
      .columns(['workflow', 'source_key', 'user_id', 'channel'])
      .unique()
      .execute();
    await db.schema.createIndex('digest_item_due').on('digest_item').columns(['due_at']).execute();
  },
};
