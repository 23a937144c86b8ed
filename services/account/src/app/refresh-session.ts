import { UnauthorizedError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { refreshTokenRepository } from '../db/session.repository';
import { userRepository } from '../db/user.repository';
import { applyRevocation, type Revocation, recordRevocation } from './revoke-tokens';
import { hashSecret, issueSession, parseRefreshToken, type SessionTokens } from './session-tokens';

/**
 * Rotating refresh: each refresh token works once and is replaced by a new one. Presenting one that was already
 * used means it leaked (or a client bug): the whole family and its access tokens are revoked, and the user must
 * log in again.
 */
export async function refreshSession(ctx: AccountContext, token: string): Promise<SessionTokens> {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw new UnauthorizedError('The refresh token is not valid.');
  const now = ctx.clock.now();
  let reuse: Revocation | undefined;
  const outcome = await ctx.transact(async (trx, events) => {
    const row = await refreshTokenRepository.findById(trx, parsed.id);
    if (!row || row.token_hash !== hashSecret(parsed.secret)) return 'invalid' as const;
    // Revoked without a successor: the session was ended (logout, password change), not rotated.
    if (row.revoked_at !== null && row.replaced_by === null) return 'ended' as const;
    if (row.revoked_at !== null) {
      reuse = { userId: row.user_id, sessionId: row.family_id, reason: 'refresh-reused', at: now };
      await refreshTokenRepository.revokeFamily(trx, row.family_id, now);
      await recordRevocation(events, reuse);
      return 'reused' as const;
    }
    if (row.expires_at <= now) return 'expired' as const;
    const user = await userRepository.findById(trx, row.user_id);
    if (user?.status !== 'active') return 'invalid' as const;
    const nextId = uuidv7();
    if (!(await refreshTokenRepository.rotate(trx, row.id, nextId, now))) return 'reused' as const;
    return issueSession(ctx, trx, user, row.family_id, nextId);
  });
  if (reuse) await applyRevocation(ctx, reuse);
  if (outcome === 'invalid') throw new UnauthorizedError('The refresh token is not valid.');
  if (outcome === 'expired') throw new UnauthorizedError('The session has expired; log in again.');
  if (outcome === 'ended') throw new UnauthorizedError('This session was ended (logged out or revoked); log in again.');
  if (outcome === 'reused') throw new UnauthorizedError('This refresh token was already used; log in again.');
  return outcome;
}
