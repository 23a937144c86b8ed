import type { ServiceMigration } from '@fieldops/platform';

/** A country's own SLA policies per ticket type (`default` for the types without a row); absent: the built-in ones. */
export const slaPoliciesSchema: ServiceMigration = {
  name: '003_ticket_sla_policies',
  async up(db, t) {
    await db.schema
      .createTable('ticket_sla_policy')
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('ticket_type', 'varchar(64)', (c) => c.notNull())
      .addColumn('policies', t.text, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('updated_by', t.id, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_sla_policy_pk', ['country', 'ticket_type'])
      .execute();
  },
};
