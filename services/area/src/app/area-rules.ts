import { NotFoundError, UnprocessableError } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import { type AreaRow, type AreaVisibility, areaRepository } from '../db/area.repository';
import { knownOrgUnitRepository } from '../db/known-user.repository';
import type { AreaDb } from '../db/schema';
import { type AreaKind, MAX_PATH_LENGTH, whyInvalidParent } from '../domain/area-kind';
import type { AreaAccess } from './area-visibility';

/** Checks shared by the area use cases. */

export async function areaInScope(db: Kysely<AreaDb>, visibility: AreaVisibility, id: string): Promise<AreaRow> {
  const area = await areaRepository.findById(db, id, visibility);
  if (!area) throw new NotFoundError('Area');
  return area;
}

const problem = (field: string, detail: string, message: string) => new UnprocessableError(detail, [{ field, message }]);

/** A parent the caller sees; one outside their territories is refused like one that does not exist. */
export async function parentInScope(db: Kysely<AreaDb>, visibility: AreaVisibility, parentId: string): Promise<AreaRow> {
  const parent = await areaRepository.findById(db, parentId, visibility);
  if (!parent)
    throw problem('/body/parentId', 'The parent area does not exist or is outside what you manage.', 'is not an area you manage');
  return parent;
}

export function checkParentKind(kind: AreaKind, parentKind: AreaKind | null): void {
  const reason = whyInvalidParent(kind, parentKind);
  if (reason) throw problem('/body/parentId', `The parent does not fit: ${reason}.`, reason);
}

export function checkDepth(path: string): void {
  if (path.length > MAX_PATH_LENGTH) throw problem('/body/parentId', 'The area tree would become too deep there.', 'would nest too deep');
}

/** A country root: by someone who sees every country, or a country manager for their own country. */
export function checkRootCountry(
  { caller, scope: visibility }: AreaAccess,
  country: string | undefined,
  supported: (c: string) => boolean,
): string {
  if (!country) throw problem('/body/country', 'A country area needs its country code.', 'is required for a country');
  if (!supported(country)) throw problem('/body/country', `FieldOps does not serve the country ${country}.`, 'is not a supported country');
  const allowed = 'all' in visibility || ('country' in visibility && visibility.country === country);
  if (!allowed) {
    throw problem(
      '/body/country',
      `Only someone who manages ${country} as a whole can add its country area.`,
      `is not a country you manage (yours: ${caller.country})`,
    );
  }
  return country;
}

/**
 * The org unit that manages an area, as the account service announced it: it must exist, be in the area's country
 * and, for a caller with a team scope, inside their own org subtree.
 */
export async function checkOrgUnit(
  db: Kysely<AreaDb>,
  orgUnitId: string,
  country: string,
  callerOrgUnits: string[] | undefined,
  field = '/body/orgUnitId',
): Promise<void> {
  const unit = await knownOrgUnitRepository.find(db, orgUnitId);
  if (!unit) throw problem(field, 'No such org unit is known here.', 'is not a known org unit');
  if (unit.country !== country)
    throw problem(field, `The org unit is in ${unit.country}, the area in ${country}.`, `must be an org unit in ${country}`);
  if (callerOrgUnits && !callerOrgUnits.includes(orgUnitId)) {
    throw problem(field, 'The org unit is outside what you manage.', 'is not an org unit you manage');
  }
}
