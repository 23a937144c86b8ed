import type { ConsumerDefinition } from '@fieldops/platform';
import { feedMerchantToLegacy, feedMerchantUpdateToLegacy } from '../../app/feed-legacy';
import type { MigrationDeps } from '../../config';
import type { MigrationDb } from '../../db/schema';

/**
 * The legacy adapter: while FieldOps takes the merchants route's writes (`primary-new`), each merchant it creates is
 * created in the legacy system too, and each change it makes is made there too. The call is made before the inbox
 * transaction, keyed by the event id: a redelivery repeats it and the legacy system answers with what it already did.
 * Events of one merchant arrive in order (one subject), so its changes reach the legacy system in the order made.
 */
export const legacyFeedConsumer: ConsumerDefinition<MigrationDb, MigrationDeps> = {
  name: 'migration.legacy-feed',
  handlers: {},
  prepared: {
    'merchant.merchant.created.v1': async (event, ctx) => {
      await feedMerchantToLegacy(ctx, event);
      return async () => {};
    },
    'merchant.merchant.updated.v1': async (event, ctx) => {
      await feedMerchantUpdateToLegacy(ctx, event);
      return async () => {};
    },
  },
};
