import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CampaignMemberTable, MarketingDb } from './schema';

export type MemberRow = Selectable<CampaignMemberTable>;
type Db = Kysely<MarketingDb> | Transaction<MarketingDb>;

const CHUNK = 500;

export const memberRepository = {
  /** The launch snapshot, written in chunks (a segment may hold many thousands of merchants). */
  async insertAll(db: Db, rows: MemberRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('campaign_member')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  async ofCampaign(db: Db, campaignId: string): Promise<MemberRow[]> {
    const rows = await db.selectFrom('campaign_member').selectAll().where('campaign_id', '=', campaignId).orderBy('merchant_id').execute();
    return rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) }));
  },

  async cohortOf(db: Db, campaignId: string, merchantId: string): Promise<MemberRow['cohort'] | undefined> {
    const row = await db
      .selectFrom('campaign_member')
      .select('cohort')
      .where('campaign_id', '=', campaignId)
      .where('merchant_id', '=', merchantId)
      .executeTakeFirst();
    return row?.cohort;
  },
};
