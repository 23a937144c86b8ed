import { type Access, ConflictError, NotFoundError, PreconditionFailedError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { userRepository } from '../db/user.repository';
import { roleEvents } from '../events/published';
import { checkGrantable, checkNotBuiltIn } from './role-rules';

/** Deletes a custom role nobody holds; taking it from its holders first is a deliberate, audited step. */
export async function deleteRole(ctx: AccountContext, { caller }: Access, id: string, ifMatch: (current: number) => number): Promise<void> {
  await ctx.transact(async (trx, events) => {
    const role = await roleRepository.findById(trx, id);
    if (!role) throw new NotFoundError('Role');
    checkNotBuiltIn(role);
    const expected = ifMatch(role.version);
    checkGrantable(caller, role);
    const holders = await userRepository.countWithRole(trx, id);
    if (holders > 0) throw new ConflictError(`The role "${role.name}" is held by ${holders} user(s); take it from them first.`);
    if (!(await roleRepository.delete(trx, id, expected))) throw new PreconditionFailedError();
    await events.append(roleEvents.deleted(role, caller.userId));
  });
}
