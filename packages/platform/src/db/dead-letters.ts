import type { Kysely } from 'kysely';
import type { EventEnvelope } from '../events/envelope';
import { type PlatformTables, platformTables } from './platform-tables';

export interface DeadLetter {
  id: number;
  consumer: string;
  eventId: string;
  type: string;
  error: string;
  attempts: number;
  failedAt: number;
  event: EventEnvelope;
}

export async function listDeadLetters<DB extends PlatformTables>(serviceDb: Kysely<DB>, limit = 100): Promise<DeadLetter[]> {
  const db = platformTables(serviceDb);
  const rows = await db.selectFrom('dead_letter').selectAll().orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    consumer: r.consumer,
    eventId: r.event_id,
    type: r.type,
    error: r.error,
    attempts: r.attempts,
    failedAt: Number(r.failed_at),
    event: JSON.parse(r.envelope) as EventEnvelope,
  }));
}

export async function deleteDeadLetter<DB extends PlatformTables>(serviceDb: Kysely<DB>, id: number): Promise<void> {
  const db = platformTables(serviceDb);
  await db.deleteFrom('dead_letter').where('id', '=', id).execute();
}
