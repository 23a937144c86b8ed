import { type Dialect, insertIfAbsent } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { SlaPolicySet } from '../domain/sla';
import type { TicketSlaPolicyTable, TicketsDb } from './schema';

type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;

export interface StoredSlaPolicy {
  country: string;
  ticketType: string;
  policies: SlaPolicySet;
  version: number;
  updatedBy: string;
  updatedAt: number;
}

function toStored(row: Selectable<TicketSlaPolicyTable>): StoredSlaPolicy {
  return {
    country: row.country,
    ticketType: row.ticket_type,
    policies: JSON.parse(row.policies) as SlaPolicySet,
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: Number(row.updated_at),
  };
}

export const slaPolicyRepository = {
  /** The country's stored rows for a ticket type and for `default` (at most two): what a ticket's SLA is held to. */
  async forType(db: Db, country: string, ticketType: string): Promise<StoredSlaPolicy[]> {
    const rows = await db
      .selectFrom('ticket_sla_policy')
      .selectAll()
      .where('country', '=', country)
      .where('ticket_type', 'in', [ticketType, 'default'])
      .execute();
    return rows.map(toStored);
  },

  async ofCountry(db: Db, country: string): Promise<StoredSlaPolicy[]> {
    const rows = await db.selectFrom('ticket_sla_policy').selectAll().where('country', '=', country).execute();
    return rows.map(toStored);
  },

  /**
   * Stores a type's policies when the row is still at `expectedVersion` (0: none stored yet); answers whether it did,
   * so two admins saving at once cannot overwrite each other.
   */
  async save(db: Transaction<TicketsDb>, dialect: Dialect, policy: StoredSlaPolicy, expectedVersion: number): Promise<boolean> {
    const values = {
      policies: JSON.stringify(policy.policies),
      version: expectedVersion + 1,
      updated_by: policy.updatedBy,
      updated_at: policy.updatedAt,
    };
    if (expectedVersion === 0) {
      return insertIfAbsent(db, dialect, 'ticket_sla_policy', { country: policy.country, ticket_type: policy.ticketType, ...values });
    }
    const result = await db
      .updateTable('ticket_sla_policy')
      .set(values)
      .where('country', '=', policy.country)
      .where('ticket_type', '=', policy.ticketType)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
