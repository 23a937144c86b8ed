import type { UserRow } from '../db/user.repository';
import { userSnapshot } from '../events/published';
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
    ...userSnapshot(user, roleIds),
    status: user.status,
    createdAt: iso(user.created_at),
    updatedAt: iso(user.updated_at),
    lastLoginAt: user.last_login_at === null ? null : iso(user.last_login_at),
  };
}
