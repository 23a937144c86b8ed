import type { ServiceMigration } from '@fieldops/platform';

/** The demo seed's bookkeeping: the demo reps heard from the account service, and which countries are seeded. */
export const leadsDemoSchema: ServiceMigration = {
  name: '002_leads_demo_seed',
  async up(db, t) {
    await db.schema
      .createTable('demo_rep')
      .addColumn('email', 'varchar(254)', (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('org_unit_id', t.id)
      .addColumn('agency_id', t.id)
      .execute();
    await db.schema
      .createTable('demo_seed')
      .addColumn('country', 'varchar(2)', (c) => c.primaryKey())
      .addColumn('done', t.integer, (c) => c.notNull())
      .execute();
  },
};

export interface LeadsDemoTables {
  demo_rep: { email: string; user_id: string; country: string; org_unit_id: string | null; agency_id: string | null };
  demo_seed: { country: string; done: number };
}
