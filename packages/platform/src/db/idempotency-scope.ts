import { AsyncLocalStorage } from 'node:async_hooks';
import { type QueryExecutorProvider, sql } from 'kysely';

/**
 * The `Idempotency-Key` claim of the request running, so that the request's first committed transaction marks it
 * carried out in the same commit. A process that stops between that commit and saving the response leaves the mark:
 * a retry is then told the request was carried out, instead of running it a second time once the claim looks abandoned.
 */
export interface IdempotencyScope {
  /** The service whose database holds the claim; another service's transaction in the same process leaves it alone. */
  service: string;
  /** Set once the key is claimed for this request. */
  keyHash: string | undefined;
  carriedOut: boolean;
}

/** The claim's status between the request's commit and its saved response (an HTTP status once saved, 0 before). */
export const CARRIED_OUT = 1;
/** The claim's status when the request committed and then failed (5xx): finished, with no answer to replay. */
export const ANSWER_LOST = 2;

const scopes = new AsyncLocalStorage<IdempotencyScope>();

export function runInIdempotencyScope<T>(scope: IdempotencyScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The claim a transaction of `service` begun now must mark, if any (read in the caller's context, before queueing). */
export function unmarkedClaim(service: string): IdempotencyScope | undefined {
  const scope = scopes.getStore();
  return scope?.service === service && scope.keyHash !== undefined && !scope.carriedOut ? scope : undefined;
}

/** Marks the claim inside the request's transaction: it commits, or rolls back, with the request's writes. */
export async function markCarriedOut(db: QueryExecutorProvider, scope: IdempotencyScope): Promise<void> {
  await sql`update idempotency_key set status = ${CARRIED_OUT} where key_hash = ${scope.keyHash} and status = 0`.execute(db);
}
