import type { ServiceMigration } from '@fieldops/platform';

/** Visit tasks from marketing campaigns, as the marketing service's task events say: what a rep's day shows. */
export const campaignTasksSchema: ServiceMigration = {
  name: '003_checkin_campaign_tasks',
  async up(db, t) {
    await db.schema
      .createTable('campaign_task')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('rep_id', t.id, (c) => c.notNull())
      .addColumn('campaign_id', t.id, (c) => c.notNull())
      .addColumn('campaign_name', 'varchar(200)', (c) => c.notNull())
      .addColumn('merchant_id', t.id, (c) => c.notNull())
      .addColumn('merchant_name', 'varchar(200)', (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('talking_points', 'varchar(2000)', (c) => c.notNull())
      .addColumn('lat', t.double, (c) => c.notNull())
      .addColumn('lng', t.double, (c) => c.notNull())
      .addColumn('due_at', t.bigint, (c) => c.notNull())
      .addColumn('closed_reason', 'varchar(16)')
      .addColumn('opened_at', t.bigint, (c) => c.notNull())
      .addColumn('closed_at', t.bigint)
      .execute();
    await db.schema.createIndex('campaign_task_rep').on('campaign_task').columns(['rep_id', 'closed_at']).execute();
  },
};
