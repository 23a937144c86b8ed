import { PlaceCategorySchema, PlaceSourceSchema, PlaceStatusSchema } from '@fieldops/contracts';
import { pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the poi API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
const Iso = Type.String({ format: 'date-time' });
const NullableId = Type.Union([Id, Type.Null()]);
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });

export const Coords = Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], {
  description:
    "The coordinate system of every lat/lng in the request and the answer; by default the caller's country's (GCJ02 in China, WGS84 elsewhere). Storage is WGS84.",
});
const coordsField = { coords: Type.Optional(Coords) };
export const CoordsQuery = Type.Object(coordsField);

const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, degrees' });
const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, degrees' });
// At least one visible character: names are trimmed before they are stored.
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Address = Type.String({ maxLength: 500 });
const Phone = Type.Union([
  Type.String({ maxLength: 32, description: "Any way of writing a number of the place's country; stored as E.164" }),
  Type.Null(),
]);
const Category = PlaceCategorySchema;

const placeFields = {
  id: Id,
  name: Type.String(),
  address: Type.String(),
  category: Category,
  phone: Type.Union([Type.String(), Type.Null()]),
  country: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  coords: Coords,
  source: PlaceSourceSchema,
  status: PlaceStatusSchema,
  mergedInto: Type.Union([Id, Type.Null()], { description: 'Set on a merged place: the place to follow' }),
  areaId: NullableId,
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
};
export const Place = Type.Object(placeFields);

export const CreatePlaceBody = Type.Object(
  {
    name: Name,
    address: Type.Optional(Address),
    category: Category,
    phone: Type.Optional(Phone),
    lat: Lat,
    lng: Lng,
    country: Type.Optional(CountryCode),
    source: Type.Optional(Type.Union([Type.Literal('rep'), Type.Literal('import'), Type.Literal('partner')], { default: 'rep' })),
  },
  { additionalProperties: false },
);

export const UpdatePlaceBody = Type.Object(
  {
    name: Type.Optional(Name),
    address: Type.Optional(Address),
    category: Type.Optional(Category),
    phone: Type.Optional(Phone),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MergeBody = Type.Object(
  {
    loserId: Id,
    loserVersion: Type.Optional(Type.Integer({ minimum: 1, description: "The loser's version you read (412 when it changed since)" })),
  },
  { additionalProperties: false },
);
export const MergeResult = Type.Object({ winner: Place, loser: Place });

export const NearbyQuery = Type.Object({
  lat: Lat,
  lng: Lng,
  radius: Type.Number({ exclusiveMinimum: 0, maximum: 50_000, default: 1000, description: 'Metres, at most 50 km' }),
  category: Type.Optional(Category),
  ...pageQueryFields,
  ...coordsField,
});
export const NearbyPage = Type.Object({
  items: Type.Array(Type.Object({ ...placeFields, distance: Type.Number({ description: 'Metres from the point' }) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const DuplicatesBody = Type.Object({ name: Name, phone: Type.Optional(Phone), lat: Lat, lng: Lng }, { additionalProperties: false });
export const Duplicates = Type.Object({
  candidates: Type.Array(
    Type.Object({
      place: Place,
      score: Type.Number({ minimum: 0, maximum: 1 }),
      reasons: Type.Array(Type.String(), { description: 'e.g. "name", "phone", "distance 35 m"' }),
      distance: Type.Number({ description: 'Metres from the point described' }),
    }),
  ),
});

export const GeocodeQuery = Type.Object({
  address: Type.String({ minLength: 1, maxLength: 300 }),
  country: Type.Optional(CountryCode),
  ...coordsField,
});
export const GeocodeResults = Type.Object({
  items: Type.Array(
    Type.Object({
      address: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      lat: Type.Number(),
      lng: Type.Number(),
      coords: Coords,
      country: Type.Union([Type.String(), Type.Null()]),
      score: Type.Union([Type.Number(), Type.Null()]),
      source: Type.String({ description: 'nominatim | places | areas' }),
      placeId: NullableId,
    }),
  ),
});

export const ReverseQuery = Type.Object({ lat: Lat, lng: Lng, ...coordsField });
export const ReverseResult = Type.Object({
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  coords: Coords,
  country: Type.Union([Type.String(), Type.Null()]),
  areaPath: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), level: Type.String() })),
  source: Type.String({ description: 'nominatim | areas | places' }),
  placeId: NullableId,
  distance: Type.Union([Type.Number(), Type.Null()], { description: 'Metres to the known place that answered' }),
});
