import type { AccountContext } from '../config';
import { refreshTokenRepository } from '../db/session.repository';
import { hashSecret, parseRefreshToken } from './session-tokens';

/** Ends the session the refresh token belongs to (its whole rotation family). Unknown tokens are ignored. */
export async function logout(ctx: AccountContext, token: string): Promise<void> {
  const parsed = parseRefreshToken(token);
  if (!parsed) return;
  const row = await refreshTokenRepository.findById(ctx.db, parsed.id);
  if (!row || row.token_hash !== hashSecret(parsed.secret)) return;
  await refreshTokenRepository.revokeFamily(ctx.db, row.family_id, ctx.clock.now());
}
