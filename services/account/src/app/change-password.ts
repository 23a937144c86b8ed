import { type Principal, UnauthorizedError, UnprocessableError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { refreshTokenRepository } from '../db/session.repository';
import { userRepository } from '../db/user.repository';
import { userEvents } from '../events/published';
import { hashPassword, verifyPassword } from './passwords';

/** Changes the caller's own password and ends their other sessions. */
export async function changePassword(ctx: AccountContext, caller: Principal, current: string, next: string): Promise<void> {
  const user = await userRepository.findById(ctx.db, caller.userId);
  if (!user) throw new UnauthorizedError('Your account no longer exists.');
  if (!(await verifyPassword(user.password_hash, current))) {
    throw new UnprocessableError('The current password is not right.', [{ field: '/body/currentPassword', message: 'is not right' }]);
  }
  const passwordHash = await hashPassword(next);
  await ctx.transact(async (trx, events) => {
    await userRepository.update(trx, user.id, user.version, { password_hash: passwordHash, updated_at: ctx.clock.now() });
    await refreshTokenRepository.revokeAllOfUser(trx, user.id, ctx.clock.now());
    await events.append(userEvents.passwordChanged(user));
  });
}
