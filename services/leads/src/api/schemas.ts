import { FollowUpKindSchema, LeadStageSchema, PlaceCategorySchema } from '@fieldops/contracts';
import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the leads API: they validate, type handlers and write the OpenAPI doc. */

const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const Coords = Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], {
  description: 'The coordinate system of lat/lng in and out; by default the caller’s country’s (GCJ-02 in China)',
});
const coordsField = { coords: Type.Optional(Coords) };
export const CoordsQuery = Type.Object(coordsField);

export const IdParams = Type.Object({ id: Id });
const Iso = Type.String({ format: 'date-time' });
const NullableIso = Type.Union([Iso, Type.Null()]);
const NullableId = Type.Union([Id, Type.Null()]);
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const Lead = Type.Object({
  id: Id,
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'E.164; masked while the lead is in the public pool' }),
  phoneMasked: Type.Boolean(),
  address: Type.String(),
  category: PlaceCategorySchema,
  lat: Type.Number({ description: 'In the system named by `coords`' }),
  lng: Type.Number({ description: 'In the system named by `coords`' }),
  coords: Coords,
  country: Type.String(),
  areaId: NullableId,
  ownerId: Type.Union([Id, Type.Null()], { description: 'Null: the lead is in the public pool' }),
  orgUnitId: NullableId,
  agencyId: NullableId,
  pool: Type.Union([Type.Literal('private'), Type.Literal('public')]),
  stage: LeadStageSchema,
  protectedUntil: NullableIso,
  claimedAt: NullableIso,
  nextFollowUpAt: NullableIso,
  duplicateOf: Type.Union([Id, Type.Null()], { description: 'A possible duplicate (weak match) found at capture' }),
  merchantId: NullableId,
  conversionStatus: Type.Union([Type.Literal('none'), Type.Literal('requested'), Type.Literal('converted'), Type.Literal('rejected')]),
  conversionReason: Type.Union([Type.String(), Type.Null()]),
  nextStages: Type.Array(LeadStageSchema, { description: 'The stages a move may go to now (`converted` only through convert)' }),
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const LeadPage = PageOf(Lead);

export const ListLeadsQuery = Type.Object({
  pool: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('public')], { description: 'mine: leads I hold; public: the pool' })),
  country: Type.Optional(
    Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2: only leads of this country (none outside my scope)' }),
  ),
  ...coordsField,
  ...pageQueryFields,
});

export const CreateLeadBody = Type.Object(
  {
    name: Name,
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    category: PlaceCategorySchema,
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude in the system named by `coords`' }),
    lng: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude in the system named by `coords`' }),
  },
  { additionalProperties: false },
);

export const DuplicateCheckQuery = Type.Object({
  name: Name,
  phone: Type.Optional(Type.String({ maxLength: 32 })),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude in the system named by `coords`' }),
  lng: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude in the system named by `coords`' }),
  ...coordsField,
});

export const DuplicateCheck = Type.Object({
  items: Type.Array(
    Type.Object({
      type: Type.Union([Type.Literal('lead'), Type.Literal('merchant')]),
      id: Id,
      name: Type.String(),
      distance: Type.Number({ description: 'Metres from the point' }),
      strength: Type.Union([Type.Literal('strong'), Type.Literal('weak')], { description: 'strong: saving would be refused (409)' }),
      reasons: Type.Array(Type.String()),
      pool: Type.Optional(Type.Union([Type.Literal('private'), Type.Literal('public')])),
      holder: Type.Optional(
        Type.Union([Type.Literal('me'), Type.Literal('other'), Type.Literal('nobody')], {
          description: 'Who holds the lead: me, another rep, or nobody (the pool)',
        }),
      ),
      lat: Type.Number(),
      lng: Type.Number(),
    }),
    { description: 'The matches I may read, best first' },
  ),
  hidden: Type.Integer({ minimum: 0, description: 'Matches outside my scope: counted, never named' }),
  blocking: Type.Boolean({ description: 'Saving this lead would be refused as a duplicate' }),
});

export const AssignBody = Type.Object({ repId: Id }, { additionalProperties: false });

export const FollowUpBody = Type.Object(
  {
    kind: FollowUpKindSchema,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    nextFollowUpAt: Type.Optional(Iso),
  },
  { additionalProperties: false },
);

export const StageBody = Type.Object({ to: LeadStageSchema }, { additionalProperties: false });

export const ConvertBody = Type.Object(
  {
    legalName: Name,
    businessId: Type.String({ minLength: 1, maxLength: 64 }),
    brandName: Type.Optional(Type.String({ maxLength: 200 })),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    placeId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ImportQuery = Type.Object({
  assignTo: Type.Optional(
    Type.Literal('self', { description: 'self: the imported leads are mine (within my limit); else the public pool' }),
  ),
  ...coordsField,
});

const ReportRow = Type.Object({
  row: Type.Integer({ description: 'The data row, 1 for the first after the header' }),
  status: Type.Union([Type.Literal('created'), Type.Literal('merged'), Type.Literal('rejected')]),
  leadId: Type.Optional(Id),
  duplicateOf: Type.Optional(Id),
  reasons: Type.Array(Type.String()),
});

export const ImportReport = Type.Object({
  created: Type.Integer(),
  merged: Type.Integer(),
  rejected: Type.Integer(),
  rows: Type.Array(ReportRow),
});

export const BulkAssignBody = Type.Object(
  {
    leadIds: Type.Array(Id, { minItems: 1, maxItems: 10_000 }),
    strategy: Type.Union([Type.Literal('area'), Type.Literal('round-robin'), Type.Literal('least-loaded')]),
    repIds: Type.Optional(Type.Array(Id, { maxItems: 1000, description: 'The team’s reps, for round-robin and least-loaded' })),
  },
  { additionalProperties: false },
);

export const BulkAssignReport = Type.Object({
  assigned: Type.Integer(),
  skipped: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      leadId: Type.String(),
      status: Type.Union([Type.Literal('assigned'), Type.Literal('skipped')]),
      repId: Type.Optional(Id),
      reasons: Type.Array(Type.String()),
    }),
  ),
});

export const LeadFollowUps = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: FollowUpKindSchema,
      note: Type.String(),
      userId: Type.String({ description: 'Who recorded it' }),
      nextFollowUpAt: NullableIso,
      visitId: Type.Union([Type.String(), Type.Null()], { description: 'The field visit it was recorded from, if any' }),
      at: Iso,
    }),
  ),
});

export const LeadHistory = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'The event id' }),
      type: Type.String({ description: 'e.g. leads.lead.claimed.v1, leads.lead.recycle-warning.v1' }),
      actor: Type.Union([Type.String(), Type.Null()], { description: 'Who caused it' }),
      time: Iso,
      data: Type.Unknown({ description: "The event's data, as published (a masked phone stays masked)" }),
    }),
  ),
});
