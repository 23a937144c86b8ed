import { ForbiddenError } from '../errors';

export const DATA_SCOPES = ['self', 'team', 'area', 'country', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** Wider scopes first-class: `all` ⊃ `country` ⊃ `area` ⊃ `team` ⊃ `self`. */
export function scopeRank(scope: DataScope): number {
  return DATA_SCOPES.indexOf(scope);
}

/** Who is calling, as the access token says. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  country: string;
  orgUnitId: string;
  /** Set for users of an external service provider: they see only their agency's records. */
  agencyId: string | null;
  roles: string[];
  permissions: string[];
  scope: DataScope;
  locale: string;
  /** The bearer token, forwarded on RPC calls made for this caller. */
  token: string;
}

export function can(principal: Principal, permission: string): boolean {
  return principal.permissions.includes(permission) || principal.permissions.includes('*');
}

/**
 * A token the account service issued to a FieldOps service (`ctx.asService()`): its subject is `service:<name>`,
 * which no user id (a UUIDv7) can be, and the token is signed, so the subject cannot be forged.
 */
export function isServiceIdentity(principal: Principal): boolean {
  return principal.userId.startsWith('service:') && principal.roles.includes('service');
}

export function requirePermission(principal: Principal, permission: string): void {
  if (!can(principal, permission)) throw new ForbiddenError(`This needs the permission "${permission}".`);
}

/** What a principal's data scope covers, resolved by the account service (`ResolveScope`). */
export interface ResolvedScope {
  userId: string;
  scope: DataScope;
  country: string;
  orgUnitId: string;
  /** The caller's org-unit subtree (team scope). */
  orgUnitIds: string[];
  /** Areas assigned to the caller and their descendants (area scope). */
  areaIds: string[];
  agencyId: string | null;
}
