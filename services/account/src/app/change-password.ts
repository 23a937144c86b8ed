import { type Principal, UnauthorizedError, UnprocessableError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { refreshTokenRepository } from '../db/session.repository';
import { userRepository } from '../db/user.repository';
import { userEvents } from '../events/published';
import { passwordAttempts } from './password-attempts';
import { hashPassword, verifyPassword } from './passwords';
import { applyRevocation, type Revocation, recordRevocation } from './revoke-tokens';

/** Changes the caller's own password and ends their sessions, access tokens included (this one too). */
export async function changePassword(ctx: AccountContext, caller: Principal, current: string, next: string): Promise<void> {
  const user = await userRepository.findById(ctx.db, caller.userId);
  if (!user) throw new UnauthorizedError('Your account no longer exists.');
  // The same budget as login: a stolen access token must not become a way to guess the password.
  await passwordAttempts.assertAllowed(ctx, user.email);
  if (!(await verifyPassword(user.password_hash, current))) {
    await passwordAttempts.failed(ctx, user.email);
    throw new UnprocessableError('The current password is not right.', [{ field: '/body/currentPassword', message: 'is not right' }]);
  }
  const passwordHash = await hashPassword(next);
  const revocation: Revocation = { userId: user.id, sessionId: null, reason: 'password-changed', at: ctx.clock.now() };
  await ctx.transact(async (trx, events) => {
    await userRepository.update(trx, user.id, user.version, { password_hash: passwordHash, updated_at: revocation.at });
    await refreshTokenRepository.revokeAllOfUser(trx, user.id, revocation.at);
    await events.append(userEvents.passwordChanged(user));
    await recordRevocation(events, revocation, user.id);
  });
  await applyRevocation(ctx, revocation);
}
