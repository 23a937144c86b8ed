import { ConflictError, type Principal } from '@fieldops/platform';

/** What was stored for a visit id: who sent it and the fingerprint of their request. */
export interface StoredRequest {
  visitId: string;
  repId: string;
  fingerprint: string | null;
}

/**
 * A request that names a visit already stored is a replay (the app resends what it queued offline). It answers the
 * stored visit only when it is the same request from the same rep; anything else under that id is a conflict.
 */
export function assertSameRequest(stored: StoredRequest, caller: Principal, fingerprint: string, what: 'check-in' | 'check-out'): void {
  const field = what === 'check-in' ? '/body/id' : '/params/id';
  if (stored.repId !== caller.userId || stored.fingerprint !== fingerprint) {
    throw new ConflictError(`A different ${what} was already recorded for visit ${stored.visitId}.`, [
      { field, message: `is the id of a different ${what}` },
    ]);
  }
}
