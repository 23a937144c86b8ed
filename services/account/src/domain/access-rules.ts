import { can, type DataScope, ForbiddenError, type Principal, scopeRank } from '@fieldops/platform';
import { ALL_PERMISSIONS } from './permissions';

export interface RoleGrant {
  name: string;
  permissions: string[];
  scope: DataScope;
}

/**
 * Nobody hands out more than they hold: a role may be granted only by a caller who has each of its permissions
 * and a data scope at least as wide. Answers the first reason it may not, or undefined.
 */
export function whyCannotGrant(caller: Principal, role: RoleGrant): string | undefined {
  if (scopeRank(role.scope) > scopeRank(caller.scope)) {
    return `role "${role.name}" has scope "${role.scope}", wider than yours ("${caller.scope}")`;
  }
  const missing = role.permissions.filter((p) => (p === ALL_PERMISSIONS ? !caller.permissions.includes(ALL_PERMISSIONS) : !can(caller, p)));
  if (missing.length > 0) return `role "${role.name}" has permissions you lack: ${missing.join(', ')}`;
  return undefined;
}

/**
 * Nobody changes a user who holds more than they do (disable, enable, move, roles, anything): each of the user's
 * roles must be one the caller could grant. Seeing a user in one's scope is not enough: a country manager sees the
 * admin of their country.
 */
export function assertMayManage(caller: Principal, targetRoles: RoleGrant[]): void {
  for (const role of targetRoles) {
    const reason = whyCannotGrant(caller, role);
    if (reason) throw new ForbiddenError(`You cannot change this user: they hold ${reason}.`);
  }
}

/** The widest scope among a user's roles decides what they see; no role means their own records only. */
export function effectiveScope(roles: { scope: DataScope }[]): DataScope {
  return roles.reduce<DataScope>((widest, role) => (scopeRank(role.scope) > scopeRank(widest) ? role.scope : widest), 'self');
}

export function unionPermissions(roles: { permissions: string[] }[]): string[] {
  const all = new Set(roles.flatMap((r) => r.permissions));
  return all.has(ALL_PERMISSIONS) ? [ALL_PERMISSIONS] : [...all].sort();
}
