import type { ServiceMigration } from '@fieldops/platform';

export const incentivesSchema: ServiceMigration = {
  name: '003_incentives',
  async up(db, t) {
    await db.schema
      .createTable('performance_plan')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('role', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('currency', 'varchar(3)', (c) => c.notNull())
      .addColumn('rules', t.text, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('updated_by', t.id, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('performance_plan_role').on('performance_plan').columns(['country', 'role']).unique().execute();

    await db.schema
      .createTable('performance_pay_period')
      .addColumn('id', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('month', 'varchar(7)', (c) => c.notNull())
      .addColumn('statements', t.integer, (c) => c.notNull())
      .addColumn('closed_by', t.id, (c) => c.notNull())
      .addColumn('closed_at', t.bigint, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('performance_statement')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('month', 'varchar(7)', (c) => c.notNull())
      .addColumn('plan_id', t.id)
      .addColumn('plan_rules', t.text, (c) => c.notNull())
      .addColumn('currency', 'varchar(3)', (c) => c.notNull())
      .addColumn('lines', t.text, (c) => c.notNull())
      .addColumn('adjustments', t.text, (c) => c.notNull())
      .addColumn('earned_minor', t.bigint, (c) => c.notNull())
      .addColumn('adjustments_minor', t.bigint, (c) => c.notNull())
      .addColumn('total_minor', t.bigint, (c) => c.notNull())
      .addColumn('closed_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('performance_statement_rep')
      .on('performance_statement')
      .columns(['user_id', 'country', 'month'])
      .unique()
      .execute();

    // A rep's statement sums their facts of a month over every metric.
    await db.schema.createIndex('performance_fact_rep_month').on('performance_fact').columns(['user_id', 'month']).execute();

    // When a rep's figure first reached the target: "you passed 100%" is told once.
    await db.schema.alterTable('performance_target').addColumn('reached_at', t.bigint).execute();
  },
};
