import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Read-your-writes across replicas. A token is the primary's GTID position (`0-1-42`, one entry per domain) after a
 * caller's write; a replica that has applied it (`MASTER_GTID_WAIT`) shows that caller everything it wrote.
 * Within a request the token rides in an async-local scope; between requests the client carries it in this header.
 */
export const CONSISTENCY_HEADER = 'x-fieldops-consistency';

export interface ConsistencyScope {
  token: string | undefined;
}

const scopes = new AsyncLocalStorage<ConsistencyScope>();

/** A MariaDB GTID position: comma-separated `domain-server-sequence`. Anything else from a client is ignored. */
const GTID_POSITION = /^\d{1,10}-\d{1,10}-\d{1,20}(,\d{1,10}-\d{1,10}-\d{1,20}){0,31}$/;

export function isConsistencyToken(value: unknown): value is string {
  return typeof value === 'string' && GTID_POSITION.test(value);
}

/** A scope that starts from the token the caller sent (if valid) and collects the tokens of its writes. */
export function consistencyScope(sent: unknown): ConsistencyScope {
  return { token: isConsistencyToken(sent) ? sent : undefined };
}

export function runInConsistencyScope<T>(scope: ConsistencyScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The token reads in this scope must see: the caller's last write, or what the caller sent. */
export function consistencyToken(): string | undefined {
  return scopes.getStore()?.token;
}

/** Records the primary's position after a write in this scope; outside a scope (jobs, consumers) there is nobody to tell. */
export function noteWrite(position: string): void {
  const scope = scopes.getStore();
  if (scope && isConsistencyToken(position)) scope.token = position;
}

/** Whether a write in this scope would be remembered (so the primary's position is worth asking for). */
export function inConsistencyScope(): boolean {
  return scopes.getStore() !== undefined;
}
