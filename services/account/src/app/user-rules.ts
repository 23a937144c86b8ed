import { ForbiddenError, type Principal, type ResolvedScope, UnprocessableError, ValidationError } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { AccountContext } from '../config';
import { agencyRepository } from '../db/agency.repository';
import { type OrgUnitRow, orgUnitRepository } from '../db/org-unit.repository';
import { type Role, roleRepository } from '../db/role.repository';
import type { AccountDb } from '../db/schema';
import { whyCannotGrant } from '../domain/access-rules';

/** Checks shared by creating and updating users: where they may be placed and which roles they may get. */

export async function orgUnitForUser(db: Kysely<AccountDb>, scope: ResolvedScope, orgUnitId: string): Promise<OrgUnitRow> {
  const unit = await orgUnitRepository.findById(db, orgUnitId, scope.scope === 'self' ? undefined : scope);
  if (!unit || (scope.scope === 'self' && unit.id !== scope.orgUnitId)) {
    throw new UnprocessableError('The org unit does not exist or is outside what you manage.', [
      { field: '/body/orgUnitId', message: 'is not an org unit you manage' },
    ]);
  }
  return unit;
}

export async function grantableRoles(db: Kysely<AccountDb>, caller: Principal, roleIds: string[]): Promise<Role[]> {
  const unique = [...new Set(roleIds)];
  const roles = await roleRepository.findMany(db, unique);
  const missing = unique.filter((id) => !roles.some((r) => r.id === id));
  if (missing.length > 0) {
    throw new UnprocessableError(
      'Some roles do not exist.',
      missing.map((id) => ({ field: '/body/roleIds', message: `role ${id} does not exist` })),
    );
  }
  for (const role of roles) {
    const reason = whyCannotGrant(caller, role);
    if (reason) throw new ForbiddenError(`You cannot grant this role: ${reason}.`);
  }
  return roles;
}

/** Agency staff create and move people only inside their own agency. */
export async function agencyForUser(
  ctx: AccountContext,
  caller: Principal,
  requested: string | null | undefined,
  country: string,
): Promise<string | null> {
  if (caller.agencyId !== null) {
    if (requested !== undefined && requested !== caller.agencyId) {
      throw new ForbiddenError('Agency staff can only manage people of their own agency.');
    }
    return caller.agencyId;
  }
  if (!requested) return null;
  const agency = await agencyRepository.findById(ctx.db, requested);
  if (!agency || agency.country !== country) {
    throw new UnprocessableError('The agency does not exist in this country.', [
      { field: '/body/agencyId', message: 'is not an agency of this country' },
    ]);
  }
  return agency.id;
}

export function normalisePhone(ctx: AccountContext, country: string, phone: string | null | undefined): string | null {
  if (phone === undefined || phone === null || phone.trim() === '') return null;
  const parsed = ctx.countries.get(country).parsePhone(phone);
  if (!parsed.ok)
    throw new ValidationError([{ field: '/body/phone', message: `is not a valid ${country} phone number (${parsed.reason})` }]);
  return parsed.e164;
}
