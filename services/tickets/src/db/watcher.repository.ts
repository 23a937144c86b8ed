import type { Dialect } from '@fieldops/platform';
import { insertIfAbsent } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import type { TicketsDb } from './schema';

type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;

export const watcherRepository = {
  async add(db: Db, dialect: Dialect, ticketId: string, userId: string, at: number): Promise<void> {
    await insertIfAbsent(db, dialect, 'ticket_watcher', { ticket_id: ticketId, user_id: userId, at });
  },

  async of(db: Db, ticketId: string): Promise<string[]> {
    const rows = await db.selectFrom('ticket_watcher').select('user_id').where('ticket_id', '=', ticketId).orderBy('at').execute();
    return rows.map((row) => row.user_id);
  },
};
