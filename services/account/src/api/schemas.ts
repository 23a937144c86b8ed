import { Type } from 'typebox';

/** Request and response schemas of the account API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 256, description: 'At least 8 characters' });
export const ResetPasswordBody = Type.Object({ newPassword: Password }, { additionalProperties: false });
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

// At least one visible character: names are trimmed before they are stored.
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
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

const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });
const Cursor = Type.Optional(Type.String({ maxLength: 512 }));
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });

export const OrgUnit = Type.Object({
  id: Id,
  parentId: Type.Union([Id, Type.Null()]),
  kind: OrgUnitKindSchema,
  name: Type.String(),
  country: Type.String(),
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const CreateOrgUnitBody = Type.Object(
  {
    name: Name,
    kind: OrgUnitKindSchema,
    parentId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'Null (or left out) only for a country' })),
    country: Type.Optional(
      Type.String({ pattern: '^[A-Z]{2}$', description: "ISO 3166-1 alpha-2; required for a country, a child takes its parent's" }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateOrgUnitBody = Type.Object(
  {
    name: Type.Optional(Name),
    parentId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'Moves the unit and its subtree' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const OrgUnitListQuery = Type.Object({
  limit: Limit,
  cursor: Cursor,
  parentId: Type.Optional(Id),
  kind: Type.Optional(OrgUnitKindSchema),
  country: Type.Optional(CountryCode),
});

export const Role = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
  scope: DataScopeSchema,
  builtIn: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

const RoleName = Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'Lower case letters, digits and _' });
const Description = Type.String({ maxLength: 255 });
const Permissions = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'e.g. lead:claim; * is all' });

export const CreateRoleBody = Type.Object(
  { name: RoleName, description: Type.Optional(Description), permissions: Permissions, scope: DataScopeSchema },
  { additionalProperties: false },
);

export const UpdateRoleBody = Type.Object(
  {
    name: Type.Optional(RoleName),
    description: Type.Optional(Description),
    permissions: Type.Optional(Permissions),
    scope: Type.Optional(DataScopeSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RoleListQuery = Type.Object({ limit: Limit, cursor: Cursor });

const AgencyStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);

export const Agency = Type.Object({
  id: Id,
  name: Type.String(),
  country: Type.String(),
  status: AgencyStatus,
  version: Type.Integer(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const CreateAgencyBody = Type.Object({ name: Name, country: CountryCode }, { additionalProperties: false });

export const UpdateAgencyBody = Type.Object(
  { name: Type.Optional(Name), status: Type.Optional(AgencyStatus) },
  { additionalProperties: false, minProperties: 1 },
);

export const AgencyListQuery = Type.Object({
  limit: Limit,
  cursor: Cursor,
  country: Type.Optional(CountryCode),
  status: Type.Optional(AgencyStatus),
});
