import { type DeadLetter, type Host, listDeadLetters } from '@fieldops/platform';

export interface ServiceDeadLetter {
  service: string;
  letter: DeadLetter;
}

/** Enough for a listing; dead letters are meant to be rare, so more than this is itself the news. */
export const LIST_LIMIT = 1000;

/**
 * Replay must see every row, not a page of them. Dead letters are few by design, so loading them all is fine;
 * a lookup by id in the platform would spare `dlq replay <id>` the full read.
 */
export const ALL_ROWS = Number.MAX_SAFE_INTEGER;

/** The dead letters of every service the host runs, service by service, oldest first. */
export async function collectDeadLetters(host: Host, limit: number): Promise<ServiceDeadLetter[]> {
  const rows: ServiceDeadLetter[] = [];
  for (const service of host.services) {
    for (const letter of await listDeadLetters(service.db, limit)) rows.push({ service: service.name, letter });
  }
  return rows;
}
