import type { ServiceMigration } from '@fieldops/platform';

/** Campaigns that take in, each day, the merchants that newly match their saved filters. */
export const dailyRefreshSchema: ServiceMigration = {
  name: '002_marketing_daily_refresh',
  async up(db, t) {
    await db.schema
      .alterTable('campaign')
      .addColumn('daily_refresh', t.boolean, (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
