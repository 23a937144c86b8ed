import type { Kysely, Selectable, Transaction } from 'kysely';
import type { TicketCommentTable, TicketsDb } from './schema';

export type CommentRow = Selectable<TicketCommentTable>;
type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;

export const commentRepository = {
  async insert(db: Db, row: CommentRow): Promise<void> {
    await db.insertInto('ticket_comment').values(row).execute();
  },

  /** A ticket's comments, oldest first; `publicOnly` for a reader outside the organisation. */
  async of(db: Db, ticketId: string, publicOnly: boolean): Promise<CommentRow[]> {
    let query = db.selectFrom('ticket_comment').selectAll().where('ticket_id', '=', ticketId);
    if (publicOnly) query = query.where('visibility', '=', 'public');
    return (await query.orderBy('at').orderBy('id').execute()).map((row) => ({ ...row, at: Number(row.at) }));
  },
};
