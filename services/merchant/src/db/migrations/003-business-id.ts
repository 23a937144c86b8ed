import type { ServiceMigration } from '@fieldops/platform';

/** The duplicate check looks merchants up by country and business id. */
export const businessIdIndex: ServiceMigration = {
  name: '003_merchant_business_id',
  async up(db) {
    await db.schema.createIndex('merchant_business_id').on('merchant').columns(['country', 'business_id']).execute();
  },
};
