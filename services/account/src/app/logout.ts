import type { AccountContext } from '../config';
import { refreshTokenRepository } from '../db/session.repository';
import { applyRevocation, type Revocation, recordRevocation } from './revoke-tokens';
import { hashSecret, parseRefreshToken } from './session-tokens';

/**
 * Ends the session the refresh token belongs to: its whole rotation family, and the access tokens issued in it.
 * Unknown tokens are ignored.
 */
export async function logout(ctx: AccountContext, token: string): Promise<void> {
  const parsed = parseRefreshToken(token);
  if (!parsed) return;
  const row = await refreshTokenRepository.findById(ctx.db, parsed.id);
  if (!row || row.token_hash !== hashSecret(parsed.secret)) return;
  const revocation: Revocation = { userId: row.user_id, sessionId: row.family_id, reason: 'logout', at: ctx.clock.now() };
  await ctx.transact(async (trx, events) => {
    await refreshTokenRepository.revokeFamily(trx, row.family_id, revocation.at);
    await recordRevocation(events, revocation, row.user_id);
  });
  await applyRevocation(ctx, revocation);
}
