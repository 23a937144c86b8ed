import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the migration service, keyed by CloudEvents type. Closed objects: adding a
 * field is a contract change made here; a breaking change is a new `.v<N+1>` type.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });

export const MIGRATION_MODES = ['legacy', 'shadow', 'primary-new', 'new'] as const;
export type MigrationMode = (typeof MIGRATION_MODES)[number];
export const MigrationModeSchema = Type.Enum(MIGRATION_MODES);

/** A route moved to another mode: the audit record of the switch. Subject: the route's name. */
export const MigrationRouteModeChanged = Type.Object(
  {
    route: Id,
    from: MigrationModeSchema,
    to: MigrationModeSchema,
    /** A user id, or `file` when an operator edited the route table. */
    by: Id,
    at: Type.String({ format: 'date-time' }),
  },
  closed,
);
export type MigrationRouteModeChanged = Static<typeof MigrationRouteModeChanged>;

/** A merchant's fields as the legacy system holds them, in FieldOps's names: what the import adapter can carry. */
const legacyMerchantFields = {
  id: Id,
  legalName: Type.String({ minLength: 1 }),
  businessId: Type.String({ minLength: 1 }),
  category: Type.String({ minLength: 1 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  contacts: Type.Array(Type.Object({ name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }, closed)),
};

/**
 * A merchant the legacy system took while it served writes, for FieldOps to create (the import adapter's
 * command; the merchant service applies it once per id). Subject: the merchant id, which both systems share.
 */
export const MigrationLegacyMerchantImported = Type.Object(
  {
    route: Id,
    /** The legacy change feed's position of this change. */
    legacySequence: Type.Integer({ minimum: 1 }),
    merchant: Type.Object(
      {
        ...legacyMerchantFields,
        country: Type.String({ minLength: 2, maxLength: 2 }),
        ownerId: Id,
        /** When the legacy system took it: FieldOps keeps that time. */
        createdAt: Type.Optional(Type.String({ format: 'date-time' })),
      },
      closed,
    ),
  },
  closed,
);
export type MigrationLegacyMerchantImported = Static<typeof MigrationLegacyMerchantImported>;

/**
 * A change the legacy system made to a merchant while it served writes: the whole record as the legacy system now
 * holds it, for FieldOps to take (the import adapter's command). The merchant service applies it once per event and
 * changes nothing when it already holds these values, so a change FieldOps itself fed to the legacy system comes
 * back as nothing. Subject: the merchant id.
 */
export const MigrationLegacyMerchantUpdated = Type.Object(
  {
    route: Id,
    /** The legacy change feed's position of this change. */
    legacySequence: Type.Integer({ minimum: 1 }),
    merchant: Type.Object(legacyMerchantFields, closed),
  },
  closed,
);
export type MigrationLegacyMerchantUpdated = Static<typeof MigrationLegacyMerchantUpdated>;

export const migrationEvents = {
  'migration.route.mode-changed.v1': MigrationRouteModeChanged,
  'migration.legacy.merchant-imported.v1': MigrationLegacyMerchantImported,
  'migration.legacy.merchant-updated.v1': MigrationLegacyMerchantUpdated,
} as const;

export type MigrationEventData<T extends keyof typeof migrationEvents> = Static<(typeof migrationEvents)[T]>;
