import type { EnrollmentState } from '@fieldops/contracts';
import type { ResolvedScope } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { EnrollmentTable, MarketingDb } from './schema';
import { enrollmentVisibleTo } from './visibility';

export type EnrollmentRow = Selectable<EnrollmentTable>;
type Db = Kysely<MarketingDb> | Transaction<MarketingDb>;
export type Decision = Pick<Updateable<EnrollmentTable>, 'state' | 'channel' | 'visit_id' | 'decided_by' | 'decided_at' | 'cost_minor'>;

const CHUNK = 500;

function normalise(row: EnrollmentRow): EnrollmentRow {
  return {
    ...row,
    link_expires_at: Number(row.link_expires_at),
    invited_at: Number(row.invited_at),
    visited_at: row.visited_at === null ? null : Number(row.visited_at),
    decided_at: row.decided_at === null ? null : Number(row.decided_at),
    cost_minor: Number(row.cost_minor),
    version: Number(row.version),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

export const enrollmentRepository = {
  async insertAll(db: Db, rows: EnrollmentRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('enrollment')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  async byId(db: Db, id: string): Promise<EnrollmentRow | undefined> {
    const row = await db.selectFrom('enrollment').selectAll().where('id', '=', id).executeTakeFirst();
    return row && normalise(row);
  },

  /** The merchant's enrollment in a campaign, if the caller's scope reaches the merchant. */
  async visibleOf(db: Db, campaignId: string, merchantId: string, scope: ResolvedScope): Promise<EnrollmentRow | undefined> {
    const row = await db
      .selectFrom('enrollment')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('merchant_id', '=', merchantId)
      .where(enrollmentVisibleTo(scope))
      .executeTakeFirst();
    return row && normalise(row);
  },

  /** A page of a campaign's enrollments the scope sees, in id order. */
  /** A campaign's enrollments (every campaign's when `campaignId` is undefined) in the scope, in id order. */
  async list(
    db: Db,
    campaignId: string | undefined,
    scope: ResolvedScope,
    filter: { state?: EnrollmentState; after?: string; limit: number },
  ) {
    let query = db.selectFrom('enrollment').selectAll().where(enrollmentVisibleTo(scope));
    if (campaignId !== undefined) query = query.where('campaign_id', '=', campaignId);
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    if (filter.after !== undefined) query = query.where('id', '>', filter.after);
    return (await query.orderBy('id').limit(filter.limit).execute()).map(normalise);
  },

  async forMerchant(db: Db, merchantId: string, scope: ResolvedScope, limit: number): Promise<EnrollmentRow[]> {
    const rows = await db
      .selectFrom('enrollment')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where(enrollmentVisibleTo(scope))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(normalise);
  },

  async ofCampaign(db: Db, campaignId: string): Promise<EnrollmentRow[]> {
    return (await db.selectFrom('enrollment').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute()).map(normalise);
  },

  async invitedOf(db: Db, campaignId: string): Promise<EnrollmentRow[]> {
    const rows = await db
      .selectFrom('enrollment')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('state', '=', 'invited')
      .execute();
    return rows.map(normalise);
  },

  /** Marks the merchant's open enrollments visited by a check-in at `at` (the first one counts; version unchanged). */
  async markVisited(db: Db, merchantId: string, at: number): Promise<number> {
    const result = await db
      .updateTable('enrollment')
      .set({ visited_at: at })
      .where('merchant_id', '=', merchantId)
      .where('visited_at', 'is', null)
      .where('invited_at', '<=', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** Records a decision only while the enrollment is still invited: a concurrent decision of the same one loses here. */
  async decide(db: Db, row: EnrollmentRow, decision: Decision, now: number): Promise<boolean> {
    const result = await db
      .updateTable('enrollment')
      .set({ ...decision, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .where('state', '=', 'invited')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
