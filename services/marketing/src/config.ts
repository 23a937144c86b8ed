import { randomBytes } from 'node:crypto';
import type { ServiceContext, SetupContext } from '@fieldops/platform';
import type { MarketingDb } from './db/schema';

export interface MarketingDeps {
  /** Signs the merchants' invitation links; shared by every replica (MARKETING_LINK_SECRET, else INTERNAL_SECRET). */
  linkSecret: string;
}

export type MarketingContext = ServiceContext<MarketingDb, MarketingDeps>;

export function setupMarketing(ctx: SetupContext<MarketingDb>): MarketingDeps {
  const configured = ctx.config.env.MARKETING_LINK_SECRET ?? ctx.config.internalSecret;
  if (configured) return { linkSecret: configured };
  // One process: a secret made up now works until restart, when unanswered links stop working.
  ctx.log.info('MARKETING_LINK_SECRET is not set: invitation links last until this process restarts');
  return { linkSecret: randomBytes(32).toString('base64url') };
}
