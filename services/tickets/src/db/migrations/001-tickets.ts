import type { ServiceMigration } from '@fieldops/platform';

export const ticketsSchema: ServiceMigration = {
  name: '001_tickets',
  async up(db, t) {
    await db.schema
      .createTable('ticket')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('type', 'varchar(64)', (c) => c.notNull())
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('description', 'varchar(4000)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('pending_on', 'varchar(16)')
      .addColumn('priority', 'varchar(16)', (c) => c.notNull())
      .addColumn('queue', 'varchar(64)', (c) => c.notNull())
      .addColumn('assignee_id', t.id)
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('area_id', t.id)
      .addColumn('lat', t.double)
      .addColumn('lng', t.double)
      .addColumn('merchant_id', t.id)
      .addColumn('lead_id', t.id)
      .addColumn('place_id', t.id)
      .addColumn('visit_id', t.id)
      .addColumn('fields', t.text, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull())
      .addColumn('sla_next_due_at', t.bigint)
      .addColumn('sla_breach_at', t.bigint)
      .addColumn('sla_status', 'varchar(16)', (c) => c.notNull())
      .addColumn('resolved_at', t.bigint)
      .addColumn('closed_at', t.bigint)
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    // The breach job reads only what is due.
    await db.schema.createIndex('ticket_sla_due').on('ticket').columns(['sla_next_due_at']).execute();
    await db.schema.createIndex('ticket_queue').on('ticket').columns(['country', 'queue', 'state', 'id']).execute();
    await db.schema.createIndex('ticket_breach_order').on('ticket').columns(['country', 'sla_breach_at', 'id']).execute();
    await db.schema.createIndex('ticket_assignee').on('ticket').columns(['assignee_id', 'state']).execute();
    await db.schema.createIndex('ticket_merchant').on('ticket').columns(['merchant_id', 'id']).execute();

    await db.schema
      .createTable('ticket_history')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('ticket_id', t.id, (c) => c.notNull())
      .addColumn('seq', t.integer, (c) => c.notNull())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('from_state', 'varchar(16)')
      .addColumn('to_state', 'varchar(16)')
      .addColumn('actor', 'varchar(64)', (c) => c.notNull())
      .addColumn('reason', 'varchar(1000)')
      .addColumn('detail', t.text, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_history_order').on('ticket_history').columns(['ticket_id', 'seq']).unique().execute();

    await db.schema
      .createTable('ticket_comment')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('ticket_id', t.id, (c) => c.notNull())
      .addColumn('author_id', t.id, (c) => c.notNull())
      .addColumn('body', 'varchar(4000)', (c) => c.notNull())
      .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_comment_ticket').on('ticket_comment').columns(['ticket_id', 'at']).execute();

    await db.schema
      .createTable('ticket_watcher')
      .addColumn('ticket_id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_watcher_pk', ['ticket_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('ticket_sla_action')
      .addColumn('action_key', 'varchar(190)', (c) => c.primaryKey())
      .addColumn('ticket_id', t.id, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
