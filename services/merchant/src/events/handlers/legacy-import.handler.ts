import type { ConsumerDefinition } from '@fieldops/platform';
import { applyLegacyMerchantChange, legacyChangeArea } from '../../app/apply-legacy-merchant-change';
import { importLegacyMerchant, importReferences } from '../../app/import-legacy-merchant';
import type { MerchantDb } from '../../db/schema';

/**
 * Merchants the legacy system took, and changes it made to them, while it served writes, handed over by the
 * migration service's import adapter. One consumer for both: a merchant's creation and its changes share a subject,
 * so they are applied in the order the legacy system made them.
 */
export const legacyImportConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.legacy-import',
  handlers: {},
  prepared: {
    'migration.legacy.merchant-imported.v1': async (event, ctx) => {
      const references = await importReferences(ctx, event.data);
      return async (typed, trx, events) => {
        const outcome = await importLegacyMerchant(ctx, trx, events, typed.data, references, typed.actor ?? 'service:migration');
        ctx.log.info({ merchantId: typed.data.merchant.id, outcome }, 'legacy merchant import handled');
      };
    },
    'migration.legacy.merchant-updated.v1': async (event, ctx) => {
      const areaId = await legacyChangeArea(ctx, event.data);
      return async (typed, trx, events) => {
        const outcome = await applyLegacyMerchantChange(ctx, trx, events, typed.data, areaId, typed.actor ?? 'service:migration');
        ctx.log.info({ merchantId: typed.data.merchant.id, outcome }, 'legacy merchant change handled');
      };
    },
  },
};
