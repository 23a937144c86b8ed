import { type Access, NotFoundError, PreconditionFailedError, UnprocessableError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { refreshTokenRepository } from '../db/session.repository';
import { userRepository } from '../db/user.repository';
import { assertMayManage } from '../domain/access-rules';
import { userEvents } from '../events/published';
import { hashPassword } from './passwords';
import { applyRevocation, type Revocation, recordRevocation } from './revoke-tokens';

/**
 * An administrator sets a new password for a user they may manage (one who forgot theirs): every session of that
 * user ends, and the user is told by the password-changed notice. One's own password changes through
 * `/api/v1/me/password`, which asks for the current one.
 */
export async function resetPassword(ctx: AccountContext, access: Access, id: string, newPassword: string): Promise<void> {
  const { caller, scope } = access;
  const user = await userRepository.findById(ctx.db, id, scope);
  if (!user) throw new NotFoundError('User');
  if (user.id === caller.userId) {
    throw new UnprocessableError('Change your own password with your current one.', [
      { field: '/params/id', message: 'is you: use /api/v1/me/password' },
    ]);
  }
  assertMayManage(caller, await roleRepository.rolesOfUser(ctx.db, id));
  const passwordHash = await hashPassword(newPassword);
  const revocation: Revocation = { userId: user.id, sessionId: null, reason: 'password-changed', at: ctx.clock.now() };
  await ctx.transact(async (trx, events) => {
    if (!(await userRepository.update(trx, user.id, user.version, { password_hash: passwordHash, updated_at: revocation.at }))) {
      throw new PreconditionFailedError();
    }
    await refreshTokenRepository.revokeAllOfUser(trx, user.id, revocation.at);
    await events.append(userEvents.passwordChanged(user, caller.userId));
    await recordRevocation(events, revocation, caller.userId);
  });
  await applyRevocation(ctx, revocation);
}
