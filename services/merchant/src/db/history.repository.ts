import type { Kysely } from 'kysely';
import type { MerchantDb } from './schema';

export interface OutboxEntry {
  type: string;
  envelope: string;
}

/** The service's outbox is its event log: every event of one subject, oldest first, with no cap. */
export const historyRepository = {
  async eventsOf(db: Kysely<MerchantDb>, subject: string): Promise<OutboxEntry[]> {
    return db.selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  },
};
