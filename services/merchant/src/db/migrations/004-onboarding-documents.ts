import type { ServiceMigration } from '@fieldops/platform';

/**
 * Which of a merchant's documents is which onboarding document of its country (JSON: kind → file id). Nullable, read
 * as none: MySQL before 8.0.13 takes no default on a text column.
 */
export const onboardingDocumentsSchema: ServiceMigration = {
  name: '004_merchant_onboarding_documents',
  async up(db, t) {
    await db.schema.alterTable('merchant').addColumn('onboarding_documents', t.text).execute();
  },
};
