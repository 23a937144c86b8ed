import { type ResolvedScope, UnprocessableError } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import { type OrgUnitRow, orgUnitRepository } from '../db/org-unit.repository';
import type { AccountDb } from '../db/schema';
import { MAX_PATH_LENGTH, type OrgUnitKind, whyInvalidParent } from '../domain/org-unit';

/** Checks shared by creating and moving org units: where a unit may sit. */

const parentProblem = (detail: string, message: string) => new UnprocessableError(detail, [{ field: '/body/parentId', message }]);

/**
 * The parent a caller may put a unit under: one inside their data scope (a city manager's subtree, a country
 * manager's country). One outside it is refused like one that does not exist, so its existence is not disclosed.
 */
export async function parentInScope(db: Kysely<AccountDb>, scope: ResolvedScope, parentId: string): Promise<OrgUnitRow> {
  const parent = await orgUnitRepository.findById(db, parentId, scope);
  if (!parent) throw parentProblem('The parent org unit does not exist or is outside what you manage.', 'is not an org unit you manage');
  return parent;
}

export function checkParentKind(kind: OrgUnitKind, parentKind: OrgUnitKind | null): void {
  const reason = whyInvalidParent(kind, parentKind);
  if (reason) throw parentProblem(`The parent does not fit: ${reason}.`, reason);
}

export function checkDepth(longestPath: number): void {
  if (longestPath > MAX_PATH_LENGTH) throw parentProblem('The org tree would become too deep there.', 'would nest the tree too deep');
}
