import { type Static, Type } from 'typebox';
import { PlaceCategorySchema } from './poi';

/**
 * Data schemas of the events published by the leads service, keyed by CloudEvents type. Closed objects: adding a
 * field is a contract change made here; a breaking change is a new `.v<N+1>` type. The subject is the lead id.
 *
 * Phones in events are E.164 in full (events are internal); coordinates are WGS-84.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);

export const LEAD_POOLS = ['private', 'public'] as const;
export type LeadPool = (typeof LEAD_POOLS)[number];
export const LeadPoolSchema = Type.Enum(LEAD_POOLS);

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'negotiating', 'won', 'lost', 'converted'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
export const LeadStageSchema = Type.Enum(LEAD_STAGES);

export const FOLLOW_UP_KINDS = ['call', 'visit', 'message', 'note'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const FollowUpKindSchema = Type.Enum(FOLLOW_UP_KINDS);

/** Where a lead is in the conversion saga: none, waiting for merchant, done, or refused by merchant. */
export const CONVERSION_STATUSES = ['none', 'requested', 'converted', 'rejected'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];
export const ConversionStatusSchema = Type.Enum(CONVERSION_STATUSES);

export const LeadSnapshot = Type.Object(
  {
    id: Id,
    name: Type.String(),
    /** E.164, or null when unknown. */
    phone: Type.Union([Type.String(), Type.Null()]),
    address: Type.String(),
    category: PlaceCategorySchema,
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    country: Type.String(),
    areaId: NullableId,
    ownerId: NullableId,
    orgUnitId: NullableId,
    agencyId: NullableId,
    pool: LeadPoolSchema,
    stage: LeadStageSchema,
    protectedUntil: NullableInstant,
    claimedAt: NullableInstant,
    nextFollowUpAt: NullableInstant,
    /** A weak duplicate match found at capture. */
    duplicateOf: NullableId,
    merchantId: NullableId,
    conversionStatus: ConversionStatusSchema,
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type LeadSnapshot = Static<typeof LeadSnapshot>;

/** An ownership change; `by` is the acting user (null for the system, e.g. recycling). */
export const LeadOwnershipChanged = Type.Object(
  {
    leadId: Id,
    by: NullableId,
    previousOwnerId: NullableId,
    ownerId: NullableId,
    protectedUntil: NullableInstant,
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type LeadOwnershipChanged = Static<typeof LeadOwnershipChanged>;

export const LeadStageChanged = Type.Object(
  { leadId: Id, by: Id, from: LeadStageSchema, to: LeadStageSchema, version: Type.Integer({ minimum: 0 }) },
  closed,
);
export type LeadStageChanged = Static<typeof LeadStageChanged>;

export const LeadFollowedUp = Type.Object(
  {
    leadId: Id,
    by: Id,
    kind: FollowUpKindSchema,
    note: Type.String(),
    nextFollowUpAt: NullableInstant,
    protectedUntil: NullableInstant,
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type LeadFollowedUp = Static<typeof LeadFollowedUp>;

/** Published once per protection period, W days (country policy) before the lead returns to the public pool. */
export const LeadRecycleWarning = Type.Object({ leadId: Id, ownerId: Id, protectedUntil: Instant }, closed);
export type LeadRecycleWarning = Static<typeof LeadRecycleWarning>;

/** What the merchant service needs to create a merchant from a won lead. */
export const ConversionMerchant = Type.Object(
  {
    legalName: Type.String({ minLength: 1 }),
    brandName: Type.String(),
    category: PlaceCategorySchema,
    businessId: Type.String({ minLength: 1 }),
    /** E.164. */
    phone: Type.String(),
    contactName: Type.String(),
    address: Type.String(),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    placeId: Type.Union([Type.String(), Type.Null()]),
    ownerId: Id,
  },
  closed,
);
export type ConversionMerchant = Static<typeof ConversionMerchant>;

export const LeadConversionRequested = Type.Object(
  { leadId: Id, requestedBy: Id, country: Type.String(), merchant: ConversionMerchant },
  closed,
);
export type LeadConversionRequested = Static<typeof LeadConversionRequested>;

export const LeadConverted = Type.Object({ leadId: Id, merchantId: Id }, closed);
export type LeadConverted = Static<typeof LeadConverted>;

export const LeadConversionReverted = Type.Object({ leadId: Id, reasons: Type.Array(Type.String()) }, closed);
export type LeadConversionReverted = Static<typeof LeadConversionReverted>;

/** Event type → data schema, for every event the leads service publishes. */
export const leadsEvents = {
  'leads.lead.created.v1': LeadSnapshot,
  'leads.lead.claimed.v1': LeadOwnershipChanged,
  'leads.lead.released.v1': LeadOwnershipChanged,
  'leads.lead.assigned.v1': LeadOwnershipChanged,
  'leads.lead.recycled.v1': LeadOwnershipChanged,
  'leads.lead.stage-changed.v1': LeadStageChanged,
  'leads.lead.followed-up.v1': LeadFollowedUp,
  'leads.lead.recycle-warning.v1': LeadRecycleWarning,
  'leads.lead.conversion-requested.v1': LeadConversionRequested,
  'leads.lead.converted.v1': LeadConverted,
  'leads.lead.conversion-reverted.v1': LeadConversionReverted,
} as const;

export type LeadsEventType = keyof typeof leadsEvents;

/** The `data` of a leads event, e.g. `LeadsEventData<'leads.lead.claimed.v1'>`. */
export type LeadsEventData<T extends keyof typeof leadsEvents> = Static<(typeof leadsEvents)[T]>;
