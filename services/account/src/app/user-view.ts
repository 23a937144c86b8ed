import type { UserRow } from '../db/user.repository';
import { isoTime as iso } from './iso-time';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  country: string;
  orgUnitId: string;
  agencyId: string | null;
  roleIds: string[];
  status: 'active' | 'disabled';
  locale: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export function toUserView(user: UserRow, roleIds: string[]): UserView {
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
    createdAt: iso(user.created_at),
    updatedAt: iso(user.updated_at),
    lastLoginAt: user.last_login_at === null ? null : iso(user.last_login_at),
  };
}
