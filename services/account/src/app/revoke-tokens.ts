import type { AccountEventData } from '@fieldops/contracts';
import type { EventWriter } from '@fieldops/platform';
import { type AccountContext, accountSettings } from '../config';
import { sessionEvents } from '../events/published';

/** Stops a session's access tokens (`sessionId`), or all the user's issued until now (`sessionId` null). */
export type Revocation = AccountEventData<'account.session.revoked.v1'> & { at: number };

/**
 * Records a revocation in the use case's transaction (the event is the audit trail); `applyRevocation` then puts it
 * on the list every verifier checks, once the transaction has committed.
 */
export async function recordRevocation(events: EventWriter, { at: _at, ...data }: Revocation, actor?: string): Promise<void> {
  await events.append(sessionEvents.revoked(data, actor));
}

export async function applyRevocation(ctx: AccountContext, revocation: Revocation): Promise<void> {
  // An entry outlives every token it may refuse; after that, the tokens have expired anyway.
  const ttlMs = accountSettings(ctx.config.env).accessTokenTtlSeconds * 1000 + 60_000;
  if (revocation.sessionId) await ctx.revocations.revokeSession(revocation.sessionId, revocation.at, ttlMs);
  else await ctx.revocations.revokeUserTokensBefore(revocation.userId, revocation.at, ttlMs);
}
