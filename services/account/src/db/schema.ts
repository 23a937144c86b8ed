import type { DataScope, PlatformTables } from '@fieldops/platform';
import type { OrgUnitKind } from '../domain/org-unit';

export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  kind: OrgUnitKind;
  name: string;
  country: string;
  path: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface RoleTable {
  id: string;
  name: string;
  description: string;
  /** JSON array of permission names. */
  permissions: string;
  scope: DataScope;
  built_in: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  country: string;
  org_unit_id: string;
  agency_id: string | null;
  password_hash: string;
  status: 'active' | 'disabled';
  locale: string;
  version: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface UserRoleTable {
  user_id: string;
  role_id: string;
}

export interface AgencyTable {
  id: string;
  name: string;
  country: string;
  status: 'active' | 'inactive';
  version: number;
  created_at: number;
  updated_at: number;
}

export interface RefreshTokenTable {
  id: string;
  user_id: string;
  /** Every rotation of one login shares a family; reuse of a rotated token revokes the family. */
  family_id: string;
  token_hash: string;
  expires_at: number;
  created_at: number;
  revoked_at: number | null;
  replaced_by: string | null;
}

export interface SigningKeyTable {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  retired_at: number | null;
}

export interface UserAreaTable {
  user_id: string;
  area_id: string;
}

export interface UserAreaVersionTable {
  user_id: string;
  version: number;
}

export interface AccountDb extends PlatformTables {
  org_unit: OrgUnitTable;
  role: RoleTable;
  user: UserTable;
  user_role: UserRoleTable;
  agency: AgencyTable;
  refresh_token: RefreshTokenTable;
  signing_key: SigningKeyTable;
  user_area: UserAreaTable;
  user_area_version: UserAreaVersionTable;
}
