import type { Kysely, Transaction } from 'kysely';
import { platformTables } from '../db/platform-tables';
import { buildEnvelope, type EventEnvelope, type NewEvent } from './envelope';

/** Appends events inside a use case's transaction; they are published only if it commits. */
export interface EventWriter {
  append<T>(event: NewEvent<T>): Promise<EventEnvelope<T>>;
}

export function outboxWriter<DB>(
  trx: Transaction<DB>,
  source: string,
  now: () => number,
  traceparent: () => string | undefined,
  onAppend: () => void,
): EventWriter {
  const db = platformTables(trx);
  return {
    async append(event) {
      const envelope = buildEnvelope(source, event, now(), traceparent());
      await db
        .insertInto('outbox')
        .values({
          id: envelope.id,
          type: envelope.type,
          subject: envelope.subject,
          envelope: JSON.stringify(envelope),
          created_at: now(),
          published_at: null,
        })
        .execute();
      onAppend();
      return envelope;
    },
  };
}

/**
 * Runs `work` in one transaction with an event writer bound to it. When the transaction commits and events
 * were appended, the relay is woken so embedded mode dispatches right away.
 */
export type Transactor<DB> = <T>(work: (trx: Transaction<DB>, events: EventWriter) => Promise<T>) => Promise<T>;

export function createTransactor<DB>(
  db: Kysely<DB>,
  source: string,
  now: () => number,
  traceparent: () => string | undefined,
  wakeRelay: () => void,
): Transactor<DB> {
  return async (work) => {
    let appended = false;
    const result = await db.transaction().execute((trx) =>
      work(
        trx,
        outboxWriter(trx, source, now, traceparent, () => {
          appended = true;
        }),
      ),
    );
    if (appended) wakeRelay();
    return result;
  };
}
