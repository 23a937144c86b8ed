import { type Dialect, insertIfAbsent } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CampaignTaskTable, CheckinDb } from './schema';

export type CampaignTaskRow = Selectable<CampaignTaskTable>;
type Db = Kysely<CheckinDb> | Transaction<CheckinDb>;

export const campaignTaskRepository = {
  /** A redelivered task event writes nothing more. */
  async open(db: Transaction<CheckinDb>, dialect: Dialect, row: CampaignTaskRow): Promise<void> {
    await insertIfAbsent(db, dialect, 'campaign_task', row);
  },

  async close(db: Db, id: string, reason: string, at: number): Promise<void> {
    await db
      .updateTable('campaign_task')
      .set({ closed_reason: reason, closed_at: at })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .execute();
  },

  /** A rep's open tasks, soonest due first. */
  async openFor(db: Db, repId: string, limit: number): Promise<CampaignTaskRow[]> {
    const rows = await db
      .selectFrom('campaign_task')
      .selectAll()
      .where('rep_id', '=', repId)
      .where('closed_at', 'is', null)
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng), due_at: Number(r.due_at), opened_at: Number(r.opened_at) }));
  },
};
