import type { ServiceContext } from '@fieldops/platform';
import { SigningKeyCache } from './app/signing-key-cache';
import type { AccountDb } from './db/schema';

/** What one running account service builds once (`ctx.deps`). */
export interface AccountDeps {
  signingKeys: SigningKeyCache;
}

export type AccountContext = ServiceContext<AccountDb, AccountDeps>;

export function setupAccount(): AccountDeps {
  return { signingKeys: new SigningKeyCache() };
}

export interface AccountSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

/** The account service's own settings; the defaults suit a field app that is used all day. */
export function accountSettings(env: Record<string, string | undefined>): AccountSettings {
  return {
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS) || 15 * 60,
    refreshTokenTtlSeconds: Number(env.REFRESH_TOKEN_TTL_SECONDS) || 30 * 24 * 60 * 60,
  };
}
