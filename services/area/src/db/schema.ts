import type { PlatformTables } from '@fieldops/platform';
import type { AreaKind } from '../domain/area-kind';
import type { AssignmentRole } from '../domain/assignment';

export interface AreaTable {
  id: string;
  parent_id: string | null;
  kind: AreaKind;
  name: string;
  code: string;
  country: string;
  path: string;
  priority: number;
  /** The account org unit that manages the area (e.g. a city); no foreign key across services. */
  org_unit_id: string | null;
  /** GeoJSON Polygon/MultiPolygon, WGS-84, as JSON text. */
  geometry: string;
  min_lat: number;
  min_lng: number;
  max_lat: number;
  max_lng: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface AreaAssignmentTable {
  id: string;
  area_id: string;
  user_id: string;
  role: AssignmentRole;
  country: string;
  effective_from: number;
  /** Exclusive; null: until further notice. */
  effective_to: number | null;
  /** When someone ended it (DELETE); the row stays for the record. */
  ended_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/** The last coverage published per user (`area.coverage.changed.v1`): a change is published only when it differs. */
export interface UserCoverageTable {
  user_id: string;
  /** JSON array of area ids, sorted. */
  area_ids: string;
  version: number;
  updated_at: number;
}

/** A geometry change waiting for confirmation. */
export interface GeometryPreviewTable {
  id: string;
  area_id: string;
  /** The area's version the preview was computed against: applying it later requires the same. */
  area_version: number;
  geometry: string;
  created_by: string;
  created_at: number;
  expires_at: number;
}

/** Small counters: `index_version` (bumped by every change the spatial index must see), `coverage_checked_at`. */
export interface AreaStateTable {
  name: string;
  value: number;
}

/** Users as the account service announced them (account.user.* events). */
export interface KnownUserTable {
  id: string;
  email: string;
  name: string;
  country: string;
  status: string;
  version: number;
}

/** Org units as the account service announced them (account.org-unit.* events). */
export interface KnownOrgUnitTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  country: string;
  version: number;
}

/**
 * A link the demo seed asks for before the account side is known here: assign the user with this email, or link
 * the city org unit with this `<country>/<name>`, as soon as its event arrives (or at once if it already has).
 */
export interface SeedLinkTable {
  id: string;
  area_id: string;
  target: 'user' | 'org_unit';
  match_key: string;
  role: AssignmentRole | null;
}

export interface AreaDb extends PlatformTables {
  area: AreaTable;
  area_assignment: AreaAssignmentTable;
  user_coverage: UserCoverageTable;
  geometry_preview: GeometryPreviewTable;
  area_state: AreaStateTable;
  known_user: KnownUserTable;
  known_org_unit: KnownOrgUnitTable;
  seed_link: SeedLinkTable;
}
