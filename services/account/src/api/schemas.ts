import { Type } from 'typebox';

/** Request and response schemas of the account API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 256, description: 'At least 8 characters' });
const Iso = Type.String({ format: 'date-time' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** Kept in step with DATA_SCOPES and ORG_UNIT_KINDS; the account tests compare them. */
export const DataScopeSchema = Type.Union([
  Type.Literal('self'),
  Type.Literal('team'),
  Type.Literal('area'),
  Type.Literal('country'),
  Type.Literal('all'),
]);
export const OrgUnitKindSchema = Type.Union([Type.Literal('country'), Type.Literal('city'), Type.Literal('team')]);

export const Tokens = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  tokenType: Type.Literal('Bearer'),
});

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  phone: NullableString,
  country: Type.String(),
  orgUnitId: Type.String(),
  agencyId: NullableString,
  roleIds: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  locale: Type.String(),
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
  lastLoginAt: Type.Union([Iso, Type.Null()]),
});

export const ResolvedScopeSchema = Type.Object({
  userId: Type.String(),
  scope: DataScopeSchema,
  country: Type.String(),
  orgUnitId: Type.String(),
  orgUnitIds: Type.Array(Type.String()),
  areaIds: Type.Array(Type.String()),
  agencyId: NullableString,
});

export const Me = Type.Object({
  user: User,
  roles: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  permissions: Type.Array(Type.String()),
  scope: ResolvedScopeSchema,
});

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Locale = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 16 });
const Phone = Type.Union([Type.String({ maxLength: 32 }), Type.Null()]);

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Name,
    password: Password,
    orgUnitId: Id,
    roleIds: Type.Array(Id, { maxItems: 20 }),
    phone: Type.Optional(Phone),
    agencyId: Type.Optional(Type.Union([Id, Type.Null()])),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Phone),
    orgUnitId: Type.Optional(Id),
    agencyId: Type.Optional(Type.Union([Id, Type.Null()])),
    locale: Type.Optional(Locale),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    roleIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UserListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  orgUnitId: Type.Optional(Id),
  agencyId: Type.Optional(Id),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
