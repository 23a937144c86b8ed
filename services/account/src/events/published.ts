import type { AccountEventData, AccountEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import type { Role } from '../db/role.repository';
import type { AgencyTable, OrgUnitTable } from '../db/schema';
import type { UserRow } from '../db/user.repository';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
function event<T extends AccountEventType>(
  type: T,
  subject: string,
  data: AccountEventData<T>,
  country?: string,
  actor?: string,
): NewEvent<AccountEventData<T>> {
  return { type, subject, data, ...(country ? { country } : {}), ...(actor ? { actor } : {}) };
}

export function userSnapshot(user: UserRow, roleIds: string[]): AccountEventData<'account.user.created.v1'> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    country: user.country,
    orgUnitId: user.org_unit_id,
    agencyId: user.agency_id,
    roleIds,
    status: user.status,
    locale: user.locale,
    version: user.version,
  };
}

export const userEvents = {
  created: (user: UserRow, roleIds: string[], actor: string) =>
    event('account.user.created.v1', user.id, userSnapshot(user, roleIds), user.country, actor),
  updated: (user: UserRow, roleIds: string[], actor: string) =>
    event(
      user.status === 'disabled' ? 'account.user.disabled.v1' : 'account.user.updated.v1',
      user.id,
      userSnapshot(user, roleIds),
      user.country,
      actor,
    ),
  rolesChanged: (user: UserRow, roleIds: string[], actor: string) =>
    event('account.user.roles-changed.v1', user.id, { userId: user.id, roleIds, version: user.version }, user.country, actor),
  passwordChanged: (user: UserRow, actor = user.id) =>
    event('account.user.password-changed.v1', user.id, { userId: user.id }, user.country, actor),
  loggedIn: (user: UserRow) => event('account.user.logged-in.v1', user.id, { userId: user.id }, user.country, user.id),
};

export const sessionEvents = {
  revoked: (data: AccountEventData<'account.session.revoked.v1'>, actor?: string) =>
    event('account.session.revoked.v1', data.sessionId ?? data.userId, data, undefined, actor),
};

type OrgUnit = Pick<OrgUnitTable, 'id' | 'parent_id' | 'kind' | 'name' | 'country' | 'version'>;
export const orgUnitSnapshot = (unit: OrgUnit) => ({
  id: unit.id,
  parentId: unit.parent_id,
  kind: unit.kind,
  name: unit.name,
  country: unit.country,
  version: unit.version,
});

export const orgUnitEvents = {
  created: (unit: OrgUnit, actor: string) => event('account.org-unit.created.v1', unit.id, orgUnitSnapshot(unit), unit.country, actor),
  updated: (unit: OrgUnit, actor: string) => event('account.org-unit.updated.v1', unit.id, orgUnitSnapshot(unit), unit.country, actor),
  moved: (unit: OrgUnit, actor: string) => event('account.org-unit.moved.v1', unit.id, orgUnitSnapshot(unit), unit.country, actor),
  deleted: (unit: OrgUnit, actor: string) => event('account.org-unit.deleted.v1', unit.id, orgUnitSnapshot(unit), unit.country, actor),
};

const roleSnapshot = (role: Role) => ({
  id: role.id,
  name: role.name,
  description: role.description,
  permissions: role.permissions,
  scope: role.scope,
  version: role.version,
});

export const roleEvents = {
  created: (role: Role, actor: string) => event('account.role.created.v1', role.id, roleSnapshot(role), undefined, actor),
  updated: (role: Role, actor: string) => event('account.role.updated.v1', role.id, roleSnapshot(role), undefined, actor),
  deleted: (role: Role, actor: string) => event('account.role.deleted.v1', role.id, roleSnapshot(role), undefined, actor),
};

type Agency = Pick<AgencyTable, 'id' | 'name' | 'country' | 'status' | 'version'>;
const agencySnapshot = (agency: Agency) => ({
  id: agency.id,
  name: agency.name,
  country: agency.country,
  status: agency.status,
  version: agency.version,
});

export const agencyEvents = {
  created: (agency: Agency, actor: string) => event('account.agency.created.v1', agency.id, agencySnapshot(agency), agency.country, actor),
  updated: (agency: Agency, actor: string) => event('account.agency.updated.v1', agency.id, agencySnapshot(agency), agency.country, actor),
};
