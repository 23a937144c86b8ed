import { pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the area API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
export const AssignmentParams = Type.Object({ id: Id, assignmentId: Id });
const Iso = Type.String({ format: 'date-time' });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S', description: 'Unique in the country, e.g. a district code' });
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });
const Priority = Type.Integer({ minimum: -1000, maximum: 1000, description: 'Decides between overlapping siblings: higher wins' });

export const AreaKindSchema = Type.Union([Type.Literal('country'), Type.Literal('city'), Type.Literal('district'), Type.Literal('grid')]);
export const RoleSchema = Type.Union([Type.Literal('primary'), Type.Literal('backup'), Type.Literal('manager')]);
export const CoordsSchema = Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], {
  description: "Coordinate system of the positions sent and answered; default: the caller's country's (GCJ02 in China)",
});
const CoordsQuery = { coords: Type.Optional(CoordsSchema) };

/** Checked by the service itself, so that each problem names the exact position and says what is wrong. */
export const GeometryInput = Type.Unknown({
  description:
    'GeoJSON Polygon or MultiPolygon ([longitude, latitude] positions; rings closed, at least 4 positions, not self-intersecting; holes inside their exterior ring)',
});
const Geometry = Type.Object({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
  coordinates: Type.Array(Type.Unknown()),
});
const BBox = Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[minLng, minLat, maxLng, maxLat]' });

export const Area = Type.Object({
  id: Id,
  parentId: Type.Union([Id, Type.Null()]),
  kind: AreaKindSchema,
  name: Type.String(),
  code: Type.String(),
  country: Type.String(),
  priority: Type.Integer(),
  orgUnitId: Type.Union([Type.String(), Type.Null()]),
  geometry: Type.Optional(Geometry),
  bbox: BBox,
  coords: CoordsSchema,
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const CreateAreaBody = Type.Object(
  {
    name: Name,
    code: Code,
    kind: AreaKindSchema,
    parentId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'Null (or left out) only for a country' })),
    country: Type.Optional(
      Type.String({ pattern: '^[A-Z]{2}$', description: "Required for a country; a child is in its parent's (another is refused)" }),
    ),
    priority: Type.Optional(Priority),
    orgUnitId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'The org unit that manages the area' })),
    geometry: GeometryInput,
  },
  { additionalProperties: false },
);

export const UpdateAreaBody = Type.Object(
  { name: Type.Optional(Name), priority: Type.Optional(Priority), orgUnitId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);

export const AreaListQuery = Type.Object({
  ...pageQueryFields,
  parentId: Type.Optional(Id),
  country: Type.Optional(CountryCode),
  geometry: Type.Optional(Type.Boolean({ description: 'Include each polygon (heavy)' })),
  ...CoordsQuery,
});
export const CoordsOnlyQuery = Type.Object(CoordsQuery);

const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const PathStep = Type.Object({ id: Type.String(), name: Type.String(), kind: AreaKindSchema });

export const ResolveBody = Type.Object(
  { points: Type.Array(Type.Object({ lat: Lat, lng: Lng }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export const ResolveResponse = Type.Object({
  results: Type.Array(Type.Union([Type.Object({ areaId: Type.String(), path: Type.Array(PathStep) }), Type.Null()])),
});

const Side = Type.Object({ id: Type.String(), name: Type.String(), priority: Type.Integer() });
export const OverlapsQuery = Type.Object({ country: CountryCode });
export const OverlapsResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      parentId: Type.Union([Type.String(), Type.Null()]),
      a: Side,
      b: Side,
      overlapM2: Type.Number({ description: 'Approximate (sampled)' }),
      ratioOfSmaller: Type.Number({ description: 'Overlap as a share of the smaller area, 0–1' }),
      winnerId: Type.String(),
      decidedBy: Type.Union([Type.Literal('priority'), Type.Literal('smaller area'), Type.Literal('id')]),
    }),
  ),
});

const UserRef = Type.Union([Type.Object({ name: Type.String(), email: Type.String() }), Type.Null()]);
const Coverer = Type.Object({
  assignmentId: Type.String(),
  userId: Type.String(),
  user: UserRef,
  role: RoleSchema,
  areaId: Type.String(),
  effectiveFrom: Iso,
  effectiveTo: Type.Union([Iso, Type.Null()]),
});
export const CoveringQuery = Type.Object({ lat: Lat, lng: Lng, at: Type.Optional(Iso), ...CoordsQuery });
export const CoveringResponse = Type.Object({
  areaId: Type.Union([Type.String(), Type.Null()]),
  path: Type.Array(PathStep),
  primary: Type.Array(Coverer),
  backups: Type.Array(Coverer),
  managers: Type.Array(Coverer),
});

const EffectiveDate = Type.String({
  maxLength: 40,
  description: "A date (start of that day in the area's country) or an ISO 8601 date-time",
});
export const CreateAssignmentBody = Type.Object(
  {
    userId: Id,
    role: RoleSchema,
    effectiveFrom: Type.Optional(EffectiveDate),
    effectiveTo: Type.Optional(Type.Union([EffectiveDate, Type.Null()], { description: 'Exclusive; null: until further notice' })),
  },
  { additionalProperties: false },
);
export const Assignment = Type.Object({
  id: Id,
  areaId: Id,
  userId: Type.String(),
  user: UserRef,
  role: RoleSchema,
  effectiveFrom: Iso,
  effectiveTo: Type.Union([Iso, Type.Null()]),
  endedAt: Type.Union([Iso, Type.Null()]),
  version: Type.Integer(),
  createdAt: Iso,
});
export const AssignmentListQuery = Type.Object({ ...pageQueryFields, includeEnded: Type.Optional(Type.Boolean()) });

export const PreviewBody = Type.Object({ geometry: GeometryInput }, { additionalProperties: false });
export const ApplyBody = Type.Object(
  { previewId: Type.Optional(Id), geometry: Type.Optional(GeometryInput) },
  {
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'A previewId to confirm, or a geometry sent with If-Match',
  },
);
export const PreviewResponse = Type.Object({
  previewId: Id,
  areaId: Id,
  areaVersion: Type.Integer(),
  expiresAt: Iso,
  bbox: BBox,
  sources: Type.Array(Type.String()),
  moves: Type.Array(
    Type.Object({
      kind: Type.String(),
      id: Type.String(),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  counts: Type.Record(Type.String(), Type.Integer()),
  truncated: Type.Array(Type.String()),
  areas: Type.Record(Type.String(), Type.Object({ name: Type.String(), kind: Type.String() })),
});
