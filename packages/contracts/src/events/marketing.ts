import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the marketing service, keyed by CloudEvents type. Closed objects: adding a
 * field is a contract change made here; a breaking change is a new `.v<N+1>` type. Campaign events have the campaign
 * as subject; enrollment and task events the enrollment (one per treated merchant of a campaign).
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Version = Type.Integer({ minimum: 0 });

export const CAMPAIGN_TYPES = ['subsidy', 'onboarding', 'content', 'festival'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export const CampaignTypeSchema = Type.Enum(CAMPAIGN_TYPES);

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'ended', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CampaignStatusSchema = Type.Enum(CAMPAIGN_STATUSES);

export const ENROLLMENT_STATES = ['invited', 'accepted', 'declined', 'expired'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];
export const EnrollmentStateSchema = Type.Enum(ENROLLMENT_STATES);

export const CampaignSnapshot = Type.Object(
  {
    id: Id,
    country: Type.String(),
    name: Type.String(),
    type: CampaignTypeSchema,
    status: CampaignStatusSchema,
    startsAt: Instant,
    endsAt: Instant,
    budgetMinor: Type.Integer(),
    costMinor: Type.Integer(),
    cap: Type.Integer(),
    currency: Type.String(),
    orgUnitId: NullableId,
    createdBy: Id,
    version: Version,
  },
  closed,
);
export type CampaignSnapshot = Static<typeof CampaignSnapshot>;

export const CampaignStatusChanged = Type.Object(
  { campaignId: Id, by: Id, from: CampaignStatusSchema, to: CampaignStatusSchema, version: Version },
  closed,
);

export const CampaignLaunched = Type.Object(
  {
    campaignId: Id,
    by: Id,
    /** The seed the holdout was drawn from: the split can be recomputed from the snapshot and this. */
    seed: Type.String(),
    holdoutShare: Type.Number({ minimum: 0, maximum: 1 }),
    members: Type.Integer({ minimum: 0 }),
    treated: Type.Integer({ minimum: 0 }),
    heldOut: Type.Integer({ minimum: 0 }),
    version: Version,
  },
  closed,
);

/**
 * A running campaign's daily refresh took in merchants that newly match its filters, split by the campaign's holdout
 * share and strata like the launch; the treated ones are invited (their own `enrollment.invited` events).
 */
export const CampaignMembersAdded = Type.Object(
  {
    campaignId: Id,
    /** The day of the refresh (UTC, YYYY-MM-DD). */
    day: Type.String(),
    members: Type.Integer({ minimum: 0 }),
    treated: Type.Integer({ minimum: 0 }),
    heldOut: Type.Integer({ minimum: 0 }),
    added: Type.Array(Type.Object({ merchantId: Id, cohort: Type.Union([Type.Literal('treated'), Type.Literal('held-out')]) }, closed)),
  },
  closed,
);

/** A merchant's contact the invitation goes to. */
export const InvitationContact = Type.Object({ name: Type.String(), email: Type.String() }, closed);

export const EnrollmentInvited = Type.Object(
  {
    enrollmentId: Id,
    campaignId: Id,
    campaignName: Type.String(),
    merchantId: Id,
    merchantName: Type.String(),
    country: Type.String(),
    /** The merchant's language (its country's locale): what the message and the page are written in. */
    locale: Type.String(),
    contacts: Type.Array(InvitationContact),
    /** The merchant-facing page, signed and expiring: `/m/campaigns/<token>`. */
    link: Type.String(),
    expiresAt: Instant,
    /** The campaign's terms in `locale` (else English). */
    terms: Type.String(),
  },
  closed,
);

export const EnrollmentDecided = Type.Object(
  {
    enrollmentId: Id,
    campaignId: Id,
    merchantId: Id,
    state: EnrollmentStateSchema,
    /** A user id, or `merchant` for a decision through the link page, `service:marketing` for an expiry. */
    by: Id,
    channel: Type.Union([Type.Literal('link'), Type.Literal('on-site'), Type.Literal('staff'), Type.Literal('expiry')]),
    visitId: NullableId,
    /** What the merchant costs the campaign's budget (accepted), in minor units of `currency`. */
    costMinor: Type.Integer({ minimum: 0 }),
    currency: Type.String(),
    /** The merchant's owner and where they work, at launch: whom an enrollment counts for. */
    ownerId: NullableId,
    orgUnitId: NullableId,
    agencyId: NullableId,
    areaId: NullableId,
    country: Type.String(),
    version: Version,
  },
  closed,
);

/** A visit task for the merchant's owner: sign the merchant up for the campaign. The subject is the enrollment. */
export const CampaignTaskOpened = Type.Object(
  {
    taskId: Id,
    campaignId: Id,
    campaignName: Type.String(),
    merchantId: Id,
    merchantName: Type.String(),
    repId: Id,
    country: Type.String(),
    talkingPoints: Type.String(),
    lat: Type.Number(),
    lng: Type.Number(),
    dueAt: Instant,
  },
  closed,
);

export const CampaignTaskClosed = Type.Object(
  {
    taskId: Id,
    campaignId: Id,
    merchantId: Id,
    repId: Id,
    reason: Type.Union([EnrollmentStateSchema, Type.Literal('cancelled')]),
  },
  closed,
);

/** Event type → data schema, for every event the marketing service publishes. */
export const marketingEvents = {
  'marketing.campaign.created.v1': CampaignSnapshot,
  'marketing.campaign.status-changed.v1': CampaignStatusChanged,
  'marketing.campaign.launched.v1': CampaignLaunched,
  'marketing.campaign.members-added.v1': CampaignMembersAdded,
  'marketing.enrollment.invited.v1': EnrollmentInvited,
  'marketing.enrollment.decided.v1': EnrollmentDecided,
  'marketing.task.opened.v1': CampaignTaskOpened,
  'marketing.task.closed.v1': CampaignTaskClosed,
} as const;

export type MarketingEventType = keyof typeof marketingEvents;

/** The `data` of a marketing event, e.g. `MarketingEventData<'marketing.campaign.launched.v1'>`. */
export type MarketingEventData<T extends keyof typeof marketingEvents> = Static<(typeof marketingEvents)[T]>;
