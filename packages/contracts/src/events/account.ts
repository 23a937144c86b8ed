import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the account service, keyed by CloudEvents type
 * (`<service>.<entity>.<past-tense>.v<N>`).
 *
 * Objects are closed (`additionalProperties: false`): a producer that validates before publishing cannot
 * leak a field the contract does not name (a password hash in a user snapshot, for one). Adding a field is
 * therefore a contract change made here, in lockstep; a breaking change is a new `.v<N+1>` type.
 */

const closed = { additionalProperties: false } as const;

const Id = Type.String({ minLength: 1 });
/** Aggregate version, incremented on every change; consumers drop events older than what they hold. */
const Version = Type.Integer({ minimum: 0 });

/** A user without secrets. */
export const UserSnapshot = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    country: Type.String(),
    orgUnitId: Type.String(),
    agencyId: Type.Union([Type.String(), Type.Null()]),
    roleIds: Type.Array(Type.String()),
    status: Type.String(),
    locale: Type.String(),
    version: Version,
  },
  closed,
);
export type UserSnapshot = Static<typeof UserSnapshot>;

export const OrgUnitKind = Type.Union([Type.Literal('country'), Type.Literal('city'), Type.Literal('team')]);
export type OrgUnitKind = Static<typeof OrgUnitKind>;

export const OrgUnitSnapshot = Type.Object(
  {
    id: Id,
    parentId: Type.Union([Type.String(), Type.Null()]),
    kind: OrgUnitKind,
    name: Type.String(),
    country: Type.String(),
    version: Version,
  },
  closed,
);
export type OrgUnitSnapshot = Static<typeof OrgUnitSnapshot>;

export const DataScope = Type.Union([
  Type.Literal('self'),
  Type.Literal('team'),
  Type.Literal('area'),
  Type.Literal('country'),
  Type.Literal('all'),
]);
export type DataScope = Static<typeof DataScope>;

export const RoleSnapshot = Type.Object(
  {
    id: Id,
    name: Type.String(),
    description: Type.String(),
    permissions: Type.Array(Type.String()),
    scope: DataScope,
    version: Version,
  },
  closed,
);
export type RoleSnapshot = Static<typeof RoleSnapshot>;

export const AgencySnapshot = Type.Object(
  {
    id: Id,
    name: Type.String(),
    country: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
    version: Version,
  },
  closed,
);
export type AgencySnapshot = Static<typeof AgencySnapshot>;

export const UserRolesChanged = Type.Object(
  {
    userId: Id,
    roleIds: Type.Array(Type.String()),
    version: Version,
  },
  closed,
);
export type UserRolesChanged = Static<typeof UserRolesChanged>;

/** Data of events that only name the user (password changed, logged in). */
export const UserRef = Type.Object({ userId: Id }, closed);
export type UserRef = Static<typeof UserRef>;

/**
 * Access tokens stopped working before they expire: one session's (`sessionId`), or all the user's issued before
 * the event (`sessionId` null). Every verifier already refuses them through the revocation list; this is the record.
 */
export const SessionRevoked = Type.Object(
  {
    userId: Id,
    sessionId: Type.Union([Id, Type.Null()]),
    reason: Type.Union([
      Type.Literal('logout'),
      Type.Literal('refresh-reused'),
      Type.Literal('disabled'),
      Type.Literal('password-changed'),
      Type.Literal('access-changed'),
    ]),
  },
  closed,
);
export type SessionRevoked = Static<typeof SessionRevoked>;

/** Event type → data schema, for every event the account service publishes. */
export const accountEvents = {
  'account.user.created.v1': UserSnapshot,
  'account.user.updated.v1': UserSnapshot,
  'account.user.disabled.v1': UserSnapshot,
  'account.user.roles-changed.v1': UserRolesChanged,
  'account.user.password-changed.v1': UserRef,
  'account.user.logged-in.v1': UserRef,
  'account.session.revoked.v1': SessionRevoked,
  'account.org-unit.created.v1': OrgUnitSnapshot,
  'account.org-unit.updated.v1': OrgUnitSnapshot,
  'account.org-unit.moved.v1': OrgUnitSnapshot,
  'account.org-unit.deleted.v1': OrgUnitSnapshot,
  'account.role.created.v1': RoleSnapshot,
  'account.role.updated.v1': RoleSnapshot,
  'account.role.deleted.v1': RoleSnapshot,
  'account.agency.created.v1': AgencySnapshot,
  'account.agency.updated.v1': AgencySnapshot,
} as const;

export type AccountEventType = keyof typeof accountEvents;

/** The `data` of an account event, e.g. `AccountEventData<'account.user.created.v1'>`. */
export type AccountEventData<T extends keyof typeof accountEvents> = Static<(typeof accountEvents)[T]>;
