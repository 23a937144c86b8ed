import { randomBytes } from 'node:crypto';
import { type Env, insertIfAbsent, type ServiceContext, type SetupContext } from '@fieldops/platform';
import type { MarketingDb } from './db/schema';

export interface MarketingDeps {
  /** Signs the merchants' invitation links: MARKETING_LINK_SECRET, else a key made once in the service's database. */
  linkSecret: string;
}

export type MarketingContext = ServiceContext<MarketingDb, MarketingDeps>;

/** Needs only the settings and the database (so a test can run it twice against one). */
export async function setupMarketing(
  ctx: Pick<SetupContext<MarketingDb>, 'db' | 'dialect'> & { config: { env: Env } },
): Promise<MarketingDeps> {
  const configured = ctx.config.env.MARKETING_LINK_SECRET;
  if (configured) return { linkSecret: configured };
  // The first replica to start makes it; the others (and every later start) read the same one.
  await insertIfAbsent(ctx.db, ctx.dialect, 'link_key', { id: 'invitations', secret: randomBytes(32).toString('base64url') });
  const row = await ctx.db.selectFrom('link_key').select('secret').where('id', '=', 'invitations').executeTakeFirstOrThrow();
  return { linkSecret: row.secret };
}
