import type { MigrationEventData } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';

export const migrationEvents = {
  modeChanged: (data: MigrationEventData<'migration.route.mode-changed.v1'>): NewEvent<typeof data> => ({
    type: 'migration.route.mode-changed.v1',
    subject: data.route,
    data,
    actor: data.by,
  }),
  merchantImported: (data: MigrationEventData<'migration.legacy.merchant-imported.v1'>): NewEvent<typeof data> => ({
    type: 'migration.legacy.merchant-imported.v1',
    subject: data.merchant.id,
    data,
    country: data.merchant.country,
    actor: IMPORT_ACTOR,
  }),
  /** Without a country: the legacy system keeps none, and the merchant keeps the one FieldOps has for it. */
  merchantUpdated: (data: MigrationEventData<'migration.legacy.merchant-updated.v1'>): NewEvent<typeof data> => ({
    type: 'migration.legacy.merchant-updated.v1',
    subject: data.merchant.id,
    data,
    actor: IMPORT_ACTOR,
  }),
};

/** Who the import adapter's writes are by: the legacy adapter leaves them out, so nothing echoes back. */
export const IMPORT_ACTOR = 'service:migration';
