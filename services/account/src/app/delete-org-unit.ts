import { type Access, ConflictError, NotFoundError, PreconditionFailedError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import { userRepository } from '../db/user.repository';
import { orgUnitEvents } from '../events/published';

/** Deletes an empty unit the caller manages; one that still holds units or people would orphan them. */
export async function deleteOrgUnit(ctx: AccountContext, access: Access, id: string, ifMatch: (current: number) => number): Promise<void> {
  await ctx.transact(async (trx, events) => {
    const unit = await orgUnitRepository.findById(trx, id, access.scope);
    if (!unit) throw new NotFoundError('Org unit');
    const expected = ifMatch(unit.version);
    const children = await orgUnitRepository.countChildren(trx, id);
    if (children > 0) throw new ConflictError(`The org unit still has ${children} child unit(s); move or delete them first.`);
    const users = await userRepository.countInOrgUnit(trx, id);
    if (users > 0) throw new ConflictError(`The org unit still has ${users} user(s); move them first.`);
    if (!(await orgUnitRepository.delete(trx, id, expected))) throw new PreconditionFailedError();
    await events.append(orgUnitEvents.deleted(unit, access.caller.userId));
  });
}
