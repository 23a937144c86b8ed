import { type Static, Type } from 'typebox';
import { PlaceCategorySchema } from './poi';

/**
 * Data schemas of the events published by the merchant service, keyed by CloudEvents type. Closed objects: adding a
 * field is a contract change made here; a breaking change is a new `.v<N+1>` type. The subject is the merchant id
 * (the lead id for a rejected conversion, which made no merchant).
 *
 * Phones are E.164 in full (events are internal); coordinates are WGS-84.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);

export const MERCHANT_STATUSES = ['onboarding', 'active', 'suspended', 'churned'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];
export const MerchantStatusSchema = Type.Enum(MERCHANT_STATUSES);

export const MERCHANT_TIERS = ['A', 'B', 'C'] as const;
export type MerchantTier = (typeof MERCHANT_TIERS)[number];
export const MerchantTierSchema = Type.Enum(MERCHANT_TIERS);

export const MerchantContact = Type.Object(
  {
    name: Type.String(),
    role: Type.String(),
    /** E.164, or null when the contact has no phone. */
    phone: Type.Union([Type.String(), Type.Null()]),
    /** Where messages to the merchant (campaign invitations) go; absent when the contact gave none. */
    email: Type.Optional(Type.String()),
  },
  closed,
);
export type MerchantContact = Static<typeof MerchantContact>;

export const MerchantSnapshot = Type.Object(
  {
    id: Id,
    legalName: Type.String(),
    brandName: Type.String(),
    category: PlaceCategorySchema,
    tier: MerchantTierSchema,
    contacts: Type.Array(MerchantContact),
    address: Type.String(),
    placeId: NullableId,
    country: Type.String(),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    areaId: NullableId,
    ownerId: NullableId,
    orgUnitId: NullableId,
    agencyId: NullableId,
    /** Normalised by the country policy. */
    businessId: Type.String(),
    /** File ids. */
    documents: Type.Array(Type.String()),
    leadId: NullableId,
    status: MerchantStatusSchema,
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type MerchantSnapshot = Static<typeof MerchantSnapshot>;

export const MerchantStatusChanged = Type.Object(
  {
    merchantId: Id,
    by: Id,
    from: MerchantStatusSchema,
    to: MerchantStatusSchema,
    reason: Type.String(),
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type MerchantStatusChanged = Static<typeof MerchantStatusChanged>;

export const MerchantOwnerTransferred = Type.Object(
  {
    merchantId: Id,
    by: Id,
    previousOwnerId: NullableId,
    ownerId: Id,
    orgUnitId: NullableId,
    agencyId: NullableId,
    reason: Type.String(),
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type MerchantOwnerTransferred = Static<typeof MerchantOwnerTransferred>;

/** The merchant service refused a lead's conversion (e.g. an invalid business id); the subject is the lead id. */
export const MerchantConversionRejected = Type.Object({ leadId: Id, reasons: Type.Array(Type.String(), { minItems: 1 }) }, closed);
export type MerchantConversionRejected = Static<typeof MerchantConversionRejected>;

/** Event type → data schema, for every event the merchant service publishes. */
export const merchantEvents = {
  /** `leadId` is set when the merchant was created by a lead's conversion (the saga's answer). */
  'merchant.merchant.created.v1': MerchantSnapshot,
  'merchant.merchant.updated.v1': MerchantSnapshot,
  'merchant.merchant.status-changed.v1': MerchantStatusChanged,
  'merchant.merchant.owner-transferred.v1': MerchantOwnerTransferred,
  'merchant.conversion.rejected.v1': MerchantConversionRejected,
} as const;

export type MerchantEventType = keyof typeof merchantEvents;

/** The `data` of a merchant event, e.g. `MerchantEventData<'merchant.merchant.created.v1'>`. */
export type MerchantEventData<T extends keyof typeof merchantEvents> = Static<(typeof merchantEvents)[T]>;
