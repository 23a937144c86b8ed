import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { TicketHistoryTable, TicketsDb } from './schema';

export type HistoryRow = Selectable<TicketHistoryTable>;
type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;
export type NewHistory = Omit<Insertable<TicketHistoryTable>, 'id' | 'seq' | 'ticket_id' | 'detail'> & { detail?: Record<string, unknown> };

export const historyRepository = {
  /**
   * Appends entries after the ticket's last one. Runs in the transaction that changed the ticket's version, so two
   * writers of one ticket are already serialised by the version check; the unique (ticket, seq) index backs it.
   */
  async append(db: Db, ticketId: string, entries: NewHistory[]): Promise<void> {
    const last = await db
      .selectFrom('ticket_history')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    for (const entry of entries) {
      seq++;
      await db
        .insertInto('ticket_history')
        .values({ ...entry, id: uuidv7(), ticket_id: ticketId, seq, detail: JSON.stringify(entry.detail ?? {}) })
        .execute();
    }
  },

  /** A ticket's whole history, oldest first. */
  async of(db: Db, ticketId: string): Promise<HistoryRow[]> {
    const rows = await db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticketId).orderBy('seq').execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq), at: Number(row.at) }));
  },
};
