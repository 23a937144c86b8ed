import { type Access, NotFoundError, PreconditionFailedError, UnprocessableError } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { AccountContext } from '../config';
import { type OrgUnitRow, orgUnitRepository } from '../db/org-unit.repository';
import type { AccountDb } from '../db/schema';
import { childPath, isWithinSubtree } from '../domain/org-unit';
import { orgUnitEvents } from '../events/published';
import { checkDepth, checkParentKind, parentInScope } from './org-unit-rules';
import { type OrgUnitView, toOrgUnitView } from './org-unit-view';

export interface UpdateOrgUnitInput {
  name?: string;
  parentId?: string | null;
}

/** Where a moved unit lands: checked against the caller's scope, the kind rules, cycles and depth. */
async function newPlace(trx: Transaction<AccountDb>, access: Access, unit: OrgUnitRow, parentId: string | null) {
  const parent = parentId === null ? null : await parentInScope(trx, access.scope, parentId);
  if (parent && isWithinSubtree(parent.path, unit.path)) {
    throw new UnprocessableError('A unit cannot move under itself or its own subtree.', [
      { field: '/body/parentId', message: 'is inside the unit being moved' },
    ]);
  }
  checkParentKind(unit.kind, parent?.kind ?? null);
  // Users, their phone numbers and every record below carry the country: a unit never changes country.
  if (parent && parent.country !== unit.country) {
    throw new UnprocessableError(`A unit cannot move to another country (it is in ${unit.country}).`, [
      { field: '/body/parentId', message: `must be an org unit in ${unit.country}` },
    ]);
  }
  const path = childPath(parent?.path ?? null, unit.id);
  checkDepth((await orgUnitRepository.longestPathUnder(trx, unit.path)) - unit.path.length + path.length);
  return { parentId: parent?.id ?? null, path };
}

/**
 * Renames and/or moves a unit the caller manages. A move rewrites the paths of the whole subtree, so everyone
 * whose scope is that subtree sees its people from the next request on.
 */
export async function updateOrgUnit(
  ctx: AccountContext,
  access: Access,
  id: string,
  input: UpdateOrgUnitInput,
  ifMatch: (current: number) => number,
): Promise<OrgUnitView> {
  return ctx.transact(async (trx, events) => {
    // Read inside the transaction: a move of an ancestor changes this unit's path without changing its version.
    const unit = await orgUnitRepository.findById(trx, id, access.scope);
    if (!unit) throw new NotFoundError('Org unit');
    const expected = ifMatch(unit.version);
    const name = input.name?.trim() ?? unit.name;
    const moving = input.parentId !== undefined && input.parentId !== unit.parent_id;
    const place = moving ? await newPlace(trx, access, unit, input.parentId ?? null) : { parentId: unit.parent_id, path: unit.path };
    if (!moving && name === unit.name) return toOrgUnitView(unit);
    const now = ctx.clock.now();
    if (!(await orgUnitRepository.update(trx, id, expected, { name, parent_id: place.parentId, updated_at: now }))) {
      throw new PreconditionFailedError();
    }
    if (moving) await orgUnitRepository.rewritePaths(trx, unit.path, place.path);
    const updated: OrgUnitRow = { ...unit, name, parent_id: place.parentId, path: place.path, version: expected + 1, updated_at: now };
    if (name !== unit.name) await events.append(orgUnitEvents.updated(updated, access.caller.userId));
    if (moving) await events.append(orgUnitEvents.moved(updated, access.caller.userId));
    return toOrgUnitView(updated);
  });
}
