import type { ServiceContext } from '@fieldops/platform';
import type { AccountDb } from './db/schema';

export type AccountContext = ServiceContext<AccountDb>;

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
