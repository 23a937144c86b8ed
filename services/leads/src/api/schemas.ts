import { FollowUpKindSchema, LeadStageSchema, PlaceCategorySchema } from '@fieldops/contracts';
import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the leads API: they validate, type handlers and write the OpenAPI doc. */

const Id = Type.String({ format: 'uuid', description: 'UUID' });
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
  lat: Type.Number({ description: 'WGS-84' }),
  lng: Type.Number({ description: 'WGS-84' }),
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
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const LeadPage = PageOf(Lead);

export const ListLeadsQuery = Type.Object({
  pool: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('public')], { description: 'mine: leads I hold; public: the pool' })),
  ...pageQueryFields,
});

export const CreateLeadBody = Type.Object(
  {
    name: Name,
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    category: PlaceCategorySchema,
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS-84 latitude' }),
    lng: Type.Number({ minimum: -180, maximum: 180, description: 'WGS-84 longitude' }),
  },
  { additionalProperties: false },
);

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
