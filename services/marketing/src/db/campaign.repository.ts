import type { ResolvedScope } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { RefreshPause } from '../domain/refresh-pause';
import type { CampaignTable, MarketingDb } from './schema';
import { campaignVisibleTo } from './visibility';

export type CampaignRow = Selectable<CampaignTable>;
type Db = Kysely<MarketingDb> | Transaction<MarketingDb>;
export type CampaignChanges = Omit<
  Updateable<CampaignTable>,
  'id' | 'version' | 'created_at' | 'country' | 'created_by' | 'accepted' | 'last_refreshed_at' | 'last_refresh_added' | 'refresh_paused'
>;
export type RefreshOutcome = { at: number; added: number } | { paused: RefreshPause };

const toNumber = (v: number | null): number | null => (v === null ? null : Number(v));

/** MySQL drivers may hand BIGINTs back as strings: every row leaves the repository with numbers. */
function normalise(row: CampaignRow): CampaignRow {
  return {
    ...row,
    starts_at: Number(row.starts_at),
    ends_at: Number(row.ends_at),
    budget_minor: Number(row.budget_minor),
    cost_minor: Number(row.cost_minor),
    cap: Number(row.cap),
    accepted: Number(row.accepted),
    daily_refresh: Number(row.daily_refresh),
    last_refreshed_at: toNumber(row.last_refreshed_at),
    last_refresh_added: toNumber(row.last_refresh_added),
    holdout_share: toNumber(row.holdout_share),
    launched_at: toNumber(row.launched_at),
    version: Number(row.version),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

export const campaignRepository = {
  async insert(db: Db, row: CampaignRow): Promise<void> {
    await db.insertInto('campaign').values(row).execute();
  },

  async byId(db: Db, id: string): Promise<CampaignRow | undefined> {
    const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
    return row && normalise(row);
  },

  async visible(db: Db, id: string, scope: ResolvedScope): Promise<CampaignRow | undefined> {
    const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).where(campaignVisibleTo(scope)).executeTakeFirst();
    return row && normalise(row);
  },

  /** A page of the campaigns a scope sees, newest first. */
  async list(db: Db, scope: ResolvedScope, filter: { status?: string; before?: string; limit: number }): Promise<CampaignRow[]> {
    let query = db.selectFrom('campaign').selectAll().where(campaignVisibleTo(scope));
    if (filter.status !== undefined) query = query.where('status', '=', filter.status as CampaignRow['status']);
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    return (
      await query
        .orderBy('id', 'desc')
        .limit(filter.limit + 1)
        .execute()
    ).map(normalise);
  },

  /** Running campaigns that take in newly matching merchants each day and have not ended by `now`. */
  async dailyRefreshing(db: Db, now: number): Promise<CampaignRow[]> {
    const rows = await db
      .selectFrom('campaign')
      .selectAll()
      .where('status', '=', 'running')
      .where('daily_refresh', '=', 1)
      .where('ends_at', '>', now)
      .orderBy('id')
      .execute();
    return rows.map(normalise);
  },

  /**
   * Records what a daily refresh did: the time and count of one that ran, or why one took in nobody (the last
   * run's time and count stay). The version is left alone: the refresh is not an edit of the campaign.
   */
  async recordRefresh(db: Db, id: string, outcome: RefreshOutcome): Promise<void> {
    const changes =
      'paused' in outcome
        ? { refresh_paused: outcome.paused }
        : { last_refreshed_at: outcome.at, last_refresh_added: outcome.added, refresh_paused: null };
    await db.updateTable('campaign').set(changes).where('id', '=', id).execute();
  },

  /** Applies `changes` only if the campaign still has `expectedVersion`; answers whether it did. */
  async update(db: Db, id: string, expectedVersion: number, changes: CampaignChanges): Promise<boolean> {
    const result = await db
      .updateTable('campaign')
      .set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /**
   * Takes one paid slot if one is left: a single conditional update, so concurrent acceptances (two reps on the last
   * slot, on any engine) can never take more than `limit`. The version is left alone: the counter is not an edit.
   */
  async takeSlot(db: Db, id: string, limit: number): Promise<boolean> {
    const result = await db
      .updateTable('campaign')
      .set((eb) => ({ accepted: eb('accepted', '+', 1) }))
      .where('id', '=', id)
      .where('accepted', '<', limit)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
