import { UnauthorizedError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { userRepository } from '../db/user.repository';
import { userEvents } from '../events/published';
import { passwordAttempts } from './password-attempts';
import { decoyHash, verifyPassword } from './passwords';
import { issueSession, type SessionTokens } from './session-tokens';

const REJECTED = 'The email or password is not right.';

export async function login(ctx: AccountContext, email: string, password: string): Promise<SessionTokens> {
  const address = email.trim().toLowerCase();
  await passwordAttempts.assertAllowed(ctx, address);
  const user = await userRepository.findByEmail(ctx.db, address);
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
  if (!user || !ok || user.status !== 'active') {
    await passwordAttempts.failed(ctx, address);
    throw new UnauthorizedError(REJECTED);
  }
  await passwordAttempts.succeeded(ctx, address);
  return ctx.transact(async (trx, events) => {
    await userRepository.recordLogin(trx, user.id, ctx.clock.now());
    await events.append(userEvents.loggedIn(user));
    return issueSession(ctx, trx, user, uuidv7());
  });
}
