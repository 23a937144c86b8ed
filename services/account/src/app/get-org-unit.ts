import { type Access, NotFoundError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import { type OrgUnitView, toOrgUnitView } from './org-unit-view';

/** An org unit inside the caller's scope; one outside it is simply not found. */
export async function getOrgUnit(ctx: AccountContext, { scope }: Access, id: string): Promise<OrgUnitView> {
  const unit = await orgUnitRepository.findById(ctx.db, id, scope);
  if (!unit) throw new NotFoundError('Org unit');
  return toOrgUnitView(unit);
}
