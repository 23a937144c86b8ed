import type { Kysely } from 'kysely';
import type { LeadsDb } from './schema';

/** The service's outbox is its event log: every event of one lead, oldest first, with no cap. */
export const historyRepository = {
  async eventsOf(db: Kysely<LeadsDb>, subject: string): Promise<{ type: string; envelope: string }[]> {
    return db.selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  },
};
