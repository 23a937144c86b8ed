import { type Dialect, insertIfAbsent } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ClaimHistoryEvent, LeadsDb } from './schema';

type Db = Kysely<LeadsDb> | Transaction<LeadsDb>;

/**
 * The per-rep counter the claim limit is enforced on: `held = held + 1 WHERE held < limit` is atomic on every
 * engine, so concurrent claims by one rep can never pass the limit together.
 */
export const holdingRepository = {
  /**
   * Makes sure the rep's counter row exists and answers what the rep holds: a read, and a write only the first time
   * (a write is a commit of its own, which on SQLite waits for the disk). Run outside the claim's transaction so
   * claims only update the row.
   */
  async ensure(db: Kysely<LeadsDb>, dialect: Dialect, userId: string): Promise<number> {
    const row = await db.selectFrom('lead_holding').select('held').where('user_id', '=', userId).executeTakeFirst();
    if (row) return Number(row.held);
    await insertIfAbsent(db, dialect, 'lead_holding', { user_id: userId, held: 0 });
    // Another request of the rep's may have made the row, and taken a slot, in between.
    return holdingRepository.held(db, userId);
  },

  async held(db: Db, userId: string): Promise<number> {
    const row = await db.selectFrom('lead_holding').select('held').where('user_id', '=', userId).executeTakeFirst();
    return Number(row?.held ?? 0);
  },

  /** Takes one slot under the limit; false when the rep is at the limit. */
  async acquire(db: Db, userId: string, limit: number): Promise<boolean> {
    const result = await db
      .updateTable('lead_holding')
      .set((eb) => ({ held: eb('held', '+', 1) }))
      .where('user_id', '=', userId)
      .where('held', '<', limit)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async free(db: Db, userId: string): Promise<void> {
    await db
      .updateTable('lead_holding')
      .set((eb) => ({ held: eb('held', '-', 1) }))
      .where('user_id', '=', userId)
      .where('held', '>', 0)
      .execute();
  },
};

export const claimHistoryRepository = {
  async record(db: Db, leadId: string, userId: string, event: ClaimHistoryEvent, at: number): Promise<void> {
    await db.insertInto('lead_claim_history').values({ id: uuidv7(), lead_id: leadId, user_id: userId, event, at }).execute();
  },

  /** Who held each lead from its creation (its captor), for the leads created held by a rep. */
  async captors(db: Db, leads: { id: string; created_at: number }[]): Promise<Map<string, string>> {
    if (leads.length === 0) return new Map();
    const createdAt = new Map(leads.map((l) => [l.id, Number(l.created_at)]));
    const rows = await db
      .selectFrom('lead_claim_history')
      .select(['lead_id', 'user_id', 'at'])
      .where('lead_id', 'in', [...createdAt.keys()])
      .where('event', '=', 'claimed')
      .execute();
    return new Map(rows.filter((r) => Number(r.at) === createdAt.get(r.lead_id)).map((r) => [r.lead_id, r.user_id]));
  },

  /** When the user last lost the lead (released or recycled), for the re-claim cooldown. */
  async lastLost(db: Db, leadId: string, userId: string): Promise<number | null> {
    const row = await db
      .selectFrom('lead_claim_history')
      .select('at')
      .where('lead_id', '=', leadId)
      .where('user_id', '=', userId)
      .where('event', 'in', ['released', 'recycled', 'transferred'])
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.at) : null;
  },
};
