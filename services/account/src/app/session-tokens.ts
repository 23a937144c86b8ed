import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type AccountContext, accountSettings } from '../config';
import type { AccountDb } from '../db/schema';
import { refreshTokenRepository } from '../db/session.repository';
import type { UserRow } from '../db/user.repository';
import { issueAccessToken } from './token-issuer';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A refresh token is `<id>.<secret>`; only the secret's hash is stored. */
export function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : undefined;
}

/** Issues an access token and a new refresh token in `familyId` (a new login starts a new family). */
export async function issueSession(
  ctx: AccountContext,
  db: Kysely<AccountDb>,
  user: UserRow,
  familyId: string,
  refreshId: string = uuidv7(),
): Promise<SessionTokens> {
  const settings = accountSettings(ctx.config.env);
  const secret = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await refreshTokenRepository.insert(db, {
    id: refreshId,
    user_id: user.id,
    family_id: familyId,
    token_hash: hashSecret(secret),
    expires_at: now + settings.refreshTokenTtlSeconds * 1000,
    created_at: now,
    revoked_at: null,
    replaced_by: null,
  });
  return {
    accessToken: await issueAccessToken(ctx, db, user, settings.accessTokenTtlSeconds, familyId),
    refreshToken: `${refreshId}.${secret}`,
    expiresIn: settings.accessTokenTtlSeconds,
    tokenType: 'Bearer',
  };
}
