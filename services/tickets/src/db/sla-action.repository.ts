import type { Dialect } from '@fieldops/platform';
import { insertIfAbsent } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import type { TicketsDb } from './schema';

type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;

export const slaActionRepository = {
  /**
   * Records that an SLA action fired; false when it had fired already. Inside the transaction that appends the
   * action's event, so of two job runs racing on one action exactly one inserts and publishes. The stored key is
   * the ticket's id and the engine's action key (`firstResponse:breach:0`).
   */
  async fire(db: Db, dialect: Dialect, ticketId: string, actionKey: string, at: number): Promise<boolean> {
    return insertIfAbsent(db, dialect, 'ticket_sla_action', { action_key: `${ticketId}:${actionKey}`, ticket_id: ticketId, at });
  },

  /** The keys (as the SLA engine names them) of a ticket's actions that fired. */
  async firedFor(db: Db, ticketId: string): Promise<Set<string>> {
    const rows = await db.selectFrom('ticket_sla_action').select('action_key').where('ticket_id', '=', ticketId).execute();
    return new Set(rows.map((row) => row.action_key.slice(ticketId.length + 1)));
  },
};
