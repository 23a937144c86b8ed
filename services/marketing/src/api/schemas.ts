import { CampaignStatusSchema, CampaignTypeSchema, EnrollmentStateSchema, MerchantTierSchema } from '@fieldops/contracts';
import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';
import { REFRESH_PAUSES } from '../domain/refresh-pause';

/** Request and response schemas of the marketing API: they validate, type handlers and write the OpenAPI doc. */

const Id = Type.String({ format: 'uuid', description: 'UUID' });
const Iso = Type.String({ format: 'date-time' });
const NullableIso = Type.Union([Iso, Type.Null()]);
const NullableId = Type.Union([Id, Type.Null()]);
const Minor = Type.Integer({ minimum: 0, maximum: 1e15, description: 'Minor units of the country currency' });
const Text = (maxLength: number) => Type.String({ maxLength });

export const IdParams = Type.Object({ id: Id });

const Range = Type.Object(
  { min: Type.Optional(Type.Number({ minimum: 0 })), max: Type.Optional(Type.Number({ minimum: 0 })) },
  { additionalProperties: false },
);

export const SegmentFilters = Type.Object(
  {
    areaIds: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'Filed under these areas or their descendants' })),
    withinAreaId: Type.Optional(Id),
    categories: Type.Optional(Type.Array(Text(32), { maxItems: 20 })),
    tiers: Type.Optional(Type.Array(MerchantTierSchema, { maxItems: 3 })),
    statuses: Type.Optional(Type.Array(Text(16), { maxItems: 4 })),
    ownerIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    hasOpenTicket: Type.Optional(Type.Boolean({ description: 'Merchants with (true) or without (false) an open ticket' })),
    lastVisitBefore: Type.Optional(Iso),
    lastVisitAfter: Type.Optional(Iso),
    orders30d: Type.Optional(Range),
    gmv30dMinor: Type.Optional(Range),
  },
  { additionalProperties: false },
);

const Terms = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 4000 }),
    'zh-CN': Type.Optional(Text(4000)),
    'pt-BR': Type.Optional(Text(4000)),
    id: Type.Optional(Text(4000)),
  },
  { additionalProperties: false, description: 'Terms per locale; English is required and the fallback' },
);

export const Campaign = Type.Object({
  id: Id,
  country: Type.String(),
  name: Type.String(),
  type: CampaignTypeSchema,
  status: CampaignStatusSchema,
  startsAt: Iso,
  endsAt: Iso,
  budget: Type.Object({
    budgetMinor: Type.Integer(),
    costMinor: Type.Integer(),
    cap: Type.Integer(),
    currency: Type.String(),
    limit: Type.Integer({ description: 'How many merchants may accept: the cap, within what the budget pays for' }),
    accepted: Type.Integer(),
    spentMinor: Type.Integer(),
  }),
  terms: Terms,
  talkingPoints: Type.String(),
  filters: SegmentFilters,
  dailyRefresh: Type.Boolean(),
  lastRefresh: Type.Union(
    [
      Type.Object({
        at: Iso,
        added: Type.Integer({ description: 'Merchants it took in (held out or invited)' }),
      }),
      Type.Null(),
    ],
    { description: 'The last daily refresh that ran; null before the first' },
  ),
  refreshPaused: Type.Union([Type.Enum(REFRESH_PAUSES), Type.Null()], {
    description: 'Why the last daily refresh took in nobody: the creator may no longer run campaigns, or is disabled',
  }),
  holdoutShare: Type.Union([Type.Number(), Type.Null()]),
  seed: Type.Union([Type.String(), Type.Null()], { description: 'The holdout split’s seed, set at launch' }),
  launchedAt: NullableIso,
  orgUnitId: NullableId,
  createdBy: Type.String(),
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const CampaignPage = PageOf(Campaign);

export const ListCampaignsQuery = Type.Object({ status: Type.Optional(CampaignStatusSchema), ...pageQueryFields });

export const CreateCampaignBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    type: CampaignTypeSchema,
    startsAt: Iso,
    endsAt: Iso,
    budgetMinor: Minor,
    costMinor: Minor,
    cap: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    terms: Terms,
    talkingPoints: Type.Optional(Text(2000)),
    filters: Type.Optional(SegmentFilters),
    dailyRefresh: Type.Optional(
      Type.Boolean({
        description: 'Each day while it runs, merchants that newly match the filters join (held out or invited as at launch)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    to: Type.Union([
      Type.Literal('scheduled'),
      Type.Literal('draft'),
      Type.Literal('running'),
      Type.Literal('ended'),
      Type.Literal('cancelled'),
    ]),
  },
  { additionalProperties: false },
);

export const SegmentPreviewBody = Type.Object({ filters: SegmentFilters }, { additionalProperties: false });

const SegmentSample = Type.Object({
  merchantId: Id,
  name: Type.String(),
  areaId: NullableId,
  areaPath: Type.Union([Type.String(), Type.Null()]),
  tier: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()]),
  ownerId: NullableId,
  ownerName: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  lng: Type.Number(),
});

export const SegmentPreview = Type.Object({
  count: Type.Integer(),
  sample: Type.Array(SegmentSample, { description: 'The first members, in the order a launch reads them' }),
});

export const LaunchBody = Type.Object(
  { holdoutShare: Type.Number({ minimum: 0, maximum: 0.5, description: 'Share of the segment held out, e.g. 0.1' }) },
  { additionalProperties: false },
);

export const LaunchReport = Type.Object({
  campaign: Campaign,
  members: Type.Integer(),
  treated: Type.Integer(),
  heldOut: Type.Integer(),
  strata: Type.Array(Type.Object({ key: Type.String(), members: Type.Integer(), heldOut: Type.Integer() })),
});

export const Enrollment = Type.Object({
  id: Id,
  campaignId: Id,
  merchantId: Id,
  state: EnrollmentStateSchema,
  channel: Type.Union([Type.String(), Type.Null()]),
  visitId: NullableId,
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  ownerId: NullableId,
  areaId: NullableId,
  invitedAt: Iso,
  visitedAt: NullableIso,
  decidedAt: NullableIso,
  costMinor: Type.Integer(),
  version: Type.Integer(),
});

export const EnrollmentPage = PageOf(Enrollment);

export const ListEnrollmentsQuery = Type.Object({ state: Type.Optional(EnrollmentStateSchema), ...pageQueryFields });

export const EnrollBody = Type.Object(
  {
    merchantId: Id,
    decision: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]),
    visitId: Type.Optional(Type.String({ format: 'uuid', description: 'My check-in at the merchant: an on-site enrollment' })),
  },
  { additionalProperties: false },
);

const Interval = Type.Union([Type.Object({ estimate: Type.Number(), low: Type.Number(), high: Type.Number() }), Type.Null()]);
const Group = Type.Object({ merchants: Type.Integer(), before: Type.Number(), after: Type.Number() });
const UpliftOf = Type.Object({ treated: Group, heldOut: Group, relative: Interval, absolute: Interval });
const Window = Type.Object({ from: Type.String(), to: Type.String() });
const UpliftGroup = Type.Object({
  id: NullableId,
  name: Type.Union([Type.String(), Type.Null()], { description: 'Null when the caller may not read the area or rep' }),
  orders: UpliftOf,
  gmvMinor: UpliftOf,
});

export const Results = Type.Object({
  campaignId: Id,
  funnel: Type.Object({
    segment: Type.Integer(),
    heldOut: Type.Integer(),
    invited: Type.Integer(),
    visited: Type.Integer(),
    accepted: Type.Integer(),
    declined: Type.Integer(),
    expired: Type.Integer(),
  }),
  cost: Type.Object({
    currency: Type.String(),
    budgetMinor: Type.Integer(),
    spentMinor: Type.Integer(),
    limit: Type.Integer(),
    accepted: Type.Integer(),
  }),
  uplift: Type.Union([
    Type.Object(
      {
        windows: Type.Object({ days: Type.Integer(), before: Window, after: Window }),
        orders: UpliftOf,
        gmvMinor: UpliftOf,
        byArea: Type.Array(UpliftGroup, { description: 'The same estimate within each area of the launch snapshot' }),
        byRep: Type.Array(UpliftGroup, { description: 'The same estimate within each owning rep’s merchants' }),
      },
      { description: 'Treated vs held-out, before vs after launch; relative is a share (0.15 = +15%) with its 95% interval' },
    ),
    Type.Null(),
  ]),
});

export const FunnelStepSchema = Type.Union(
  [
    Type.Literal('segment'),
    Type.Literal('held-out'),
    Type.Literal('treated'),
    Type.Literal('invited'),
    Type.Literal('visited'),
    Type.Literal('accepted'),
    Type.Literal('declined'),
    Type.Literal('expired'),
  ],
  { description: 'The funnel step whose merchants to list' },
);

export const ListMembersQuery = Type.Object({ step: Type.Optional(FunnelStepSchema), ...pageQueryFields });

export const Member = Type.Object({
  merchantId: Id,
  name: Type.String(),
  cohort: Type.Union([Type.Literal('treated'), Type.Literal('held-out')]),
  areaId: NullableId,
  ownerId: NullableId,
  tier: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  lng: Type.Number(),
  state: Type.Union([EnrollmentStateSchema, Type.Null()], { description: 'Null for a held-out merchant (never invited)' }),
  channel: Type.Union([Type.String(), Type.Null()]),
  visitedAt: NullableIso,
  decidedAt: NullableIso,
});

export const MemberPage = PageOf(Member);
