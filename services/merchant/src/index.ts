import { defineService, type ServiceDefinition } from '@fieldops/platform';
import { merchantRoutes } from './api/merchants.routes';
import { merchantRpc } from './api/rpc';
import { merchantSchema } from './db/migrations/001-merchant';
import { businessIdIndex } from './db/migrations/003-business-id';
import { onboardingDocumentsSchema } from './db/migrations/004-onboarding-documents';
import type { MerchantDb } from './db/schema';
import { areaChangedConsumer } from './events/handlers/area-changed.handler';
import { conversionRequestedConsumer } from './events/handlers/conversion-requested.handler';
import { legacyImportConsumer } from './events/handlers/legacy-import.handler';
import { demoMerchants } from './seed/seed-demo';

/** Merchants: profiles, life cycle, owner transfers, history from the event log; the merchant side of lead conversion. */
export const merchantService: ServiceDefinition = defineService<MerchantDb>({
  name: 'merchant',
  migrations: [merchantSchema, demoMerchants.migration, businessIdIndex, onboardingDocumentsSchema],
  http: {
    prefixes: ['/api/v1/merchants'],
    description: 'Merchants: profiles, status life cycle, owner transfers and history',
    routes(app, ctx) {
      merchantRoutes(app, ctx);
    },
  },
  rpc: merchantRpc,
  consumes: [areaChangedConsumer, conversionRequestedConsumer, legacyImportConsumer, demoMerchants.consumer],
  seedDemo: demoMerchants.seed,
});

export type { MerchantDb } from './db/schema';
