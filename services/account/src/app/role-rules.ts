import { ConflictError, ForbiddenError, isUniqueViolation, type Principal, UnprocessableError } from '@fieldops/platform';
import { type RoleGrant, whyCannotGrant } from '../domain/access-rules';
import { isKnownPermission } from '../domain/permissions';

/** Checks shared by creating, changing and deleting roles. */

/** The permissions as stored: known ones only (each unknown one named), without repeats, in a stable order. */
export function knownPermissions(permissions: string[]): string[] {
  const unknown = permissions.flatMap((p, i) =>
    isKnownPermission(p) ? [] : [{ field: `/body/permissions/${i}`, message: `"${p}" is not a known permission` }],
  );
  if (unknown.length > 0) throw new UnprocessableError(`Unknown permissions: ${unknown.map((u) => u.message).join('; ')}.`, unknown);
  return [...new Set(permissions)].sort();
}

/** Nobody makes, changes or removes a role that grants more than they hold themselves. */
export function checkGrantable(caller: Principal, role: RoleGrant): void {
  const reason = whyCannotGrant(caller, role);
  if (reason) throw new ForbiddenError(`You cannot manage this role: ${reason}.`);
}

/** Built-in roles follow the code (they are reset on every start), so the API leaves them alone. */
export function checkNotBuiltIn(role: { name: string; builtIn: boolean }): void {
  if (role.builtIn) throw new ConflictError(`The role "${role.name}" is built in and cannot be changed or deleted.`);
}

/** Runs a write that may hit the unique role name; a clash answers 409 naming the field. */
export async function withUniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`A role named "${name}" already exists.`, [{ field: '/body/name', message: 'is already taken' }]);
    }
    throw error;
  }
}
