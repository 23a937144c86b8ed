import type { ServiceMigration } from '@fieldops/platform';

/** What the last daily refresh of a campaign did: when, how many merchants it took in, or why it took in nobody. */
export const refreshOutcomeSchema: ServiceMigration = {
  name: '003_marketing_refresh_outcome',
  async up(db, t) {
    // One column per statement: SQLite adds a single column per ALTER TABLE.
    await db.schema.alterTable('campaign').addColumn('last_refreshed_at', t.bigint).execute();
    await db.schema.alterTable('campaign').addColumn('last_refresh_added', t.integer).execute();
    await db.schema.alterTable('campaign').addColumn('refresh_paused', 'varchar(32)').execute();
  },
};
