import { MerchantStatusSchema, MerchantTierSchema, PlaceCategorySchema } from '@fieldops/contracts';
import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the merchant API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
const Iso = Type.String({ format: 'date-time' });
const NullableId = Type.Union([Id, Type.Null()]);
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });

export const Coords = Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], {
  description:
    "The coordinate system of every lat/lng in the request and the answer; by default the caller's country's (GCJ02 in China, WGS84 elsewhere). Storage is WGS84.",
});
export const CoordsQuery = Type.Object({ coords: Type.Optional(Coords) });

const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, degrees' });
const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, degrees' });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const BusinessId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Business/tax registration number, checked by the country policy (CN USCC, BR CNPJ, SG UEN, ID NPWP)',
});
const ContactIn = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.String({ maxLength: 100 }),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()], { description: 'Stored as E.164' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'Where campaign invitations go' })),
  },
  { additionalProperties: false },
);
const Documents = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'File ids' });
const OnboardingDocuments = Type.Record(Type.String({ maxLength: 64 }), Type.String({ minLength: 1, maxLength: 64 }), {
  maxProperties: 20,
  description:
    "Which document is which of the country's required onboarding documents: kind (e.g. SG acra_bizfile) → a file id among `documents`. All are needed before the merchant goes active.",
});

export const Merchant = Type.Object({
  id: Id,
  legalName: Type.String(),
  brandName: Type.String(),
  category: PlaceCategorySchema,
  tier: MerchantTierSchema,
  contacts: Type.Array(
    Type.Object({
      name: Type.String(),
      role: Type.String(),
      phone: Type.Union([Type.String(), Type.Null()]),
      email: Type.Optional(Type.String()),
    }),
  ),
  address: Type.String(),
  placeId: NullableId,
  country: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  coords: Coords,
  areaId: NullableId,
  ownerId: NullableId,
  orgUnitId: NullableId,
  agencyId: NullableId,
  businessId: Type.String(),
  documents: Type.Array(Type.String()),
  onboardingDocuments: Type.Record(Type.String(), Type.String()),
  leadId: NullableId,
  status: MerchantStatusSchema,
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});
export const MerchantPage = PageOf(Merchant);

export const CreateMerchantBody = Type.Object(
  {
    legalName: Name,
    brandName: Type.Optional(Type.String({ maxLength: 200 })),
    category: PlaceCategorySchema,
    tier: Type.Optional(MerchantTierSchema),
    contacts: Type.Optional(Type.Array(ContactIn, { maxItems: 20 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    placeId: Type.Optional(NullableId),
    lat: Lat,
    lng: Lng,
    country: Type.Optional(CountryCode),
    businessId: BusinessId,
    documents: Type.Optional(Documents),
    onboardingDocuments: Type.Optional(OnboardingDocuments),
    ownerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const UpdateMerchantBody = Type.Object(
  {
    legalName: Type.Optional(Name),
    brandName: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(PlaceCategorySchema),
    tier: Type.Optional(MerchantTierSchema),
    contacts: Type.Optional(Type.Array(ContactIn, { maxItems: 20 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    placeId: Type.Optional(NullableId),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    businessId: Type.Optional(BusinessId),
    documents: Type.Optional(Documents),
    onboardingDocuments: Type.Optional(OnboardingDocuments),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ListQuery = Type.Object({
  ...pageQueryFields,
  status: Type.Optional(MerchantStatusSchema),
  ownerId: Type.Optional(Id),
  coords: Type.Optional(Coords),
});

const Reason = Type.String({ maxLength: 500, default: '' });
export const TransitionBody = Type.Object({ to: MerchantStatusSchema, reason: Reason }, { additionalProperties: false });
export const TransferBody = Type.Object({ ownerId: Id, reason: Reason }, { additionalProperties: false });
export const BulkTransferBody = Type.Object(
  { merchantIds: Type.Array(Id, { minItems: 1, maxItems: 1000 }), ownerId: Id, reason: Reason },
  { additionalProperties: false },
);
export const TransferResults = Type.Object({
  results: Type.Array(
    Type.Object({
      merchantId: Id,
      ok: Type.Boolean(),
      error: Type.Optional(Type.String()),
      previousOwnerId: Type.Optional(NullableId),
      version: Type.Optional(Type.Integer()),
    }),
  ),
});

export const History = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'The event id' }),
      type: Type.String({ description: 'e.g. merchant.merchant.status-changed.v1' }),
      actor: Type.Union([Type.String(), Type.Null()], { description: 'Who caused it' }),
      time: Iso,
      data: Type.Unknown({ description: "The event's data, as published" }),
    }),
  ),
});
