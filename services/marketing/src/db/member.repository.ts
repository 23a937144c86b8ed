import type { ResolvedScope } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CampaignMemberTable, MarketingDb } from './schema';
import { memberVisibleTo } from './visibility';

export type MemberRow = Selectable<CampaignMemberTable>;

/** The funnel steps a drill-down lists: each is a condition on the member and its enrollment. */
export type FunnelStep = 'segment' | 'held-out' | 'treated' | 'invited' | 'visited' | 'accepted' | 'declined' | 'expired';
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

  /** The ids of a campaign's members, and how many of them are held out. */
  async merchantsOf(db: Db, campaignId: string): Promise<{ ids: Set<string>; heldOut: number }> {
    const rows = await db.selectFrom('campaign_member').select(['merchant_id', 'cohort']).where('campaign_id', '=', campaignId).execute();
    return { ids: new Set(rows.map((r) => r.merchant_id)), heldOut: rows.filter((r) => r.cohort === 'held-out').length };
  },

  async ofCampaign(db: Db, campaignId: string): Promise<MemberRow[]> {
    const rows = await db.selectFrom('campaign_member').selectAll().where('campaign_id', '=', campaignId).orderBy('merchant_id').execute();
    return rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) }));
  },

  /**
   * A page of the members behind a funnel step that the scope sees, in merchant id order, each with its enrollment
   * (none for the held-out). The counts of the results are these lists' lengths.
   */
  async list(db: Db, campaignId: string, scope: ResolvedScope, filter: { step: FunnelStep; after?: string; limit: number }) {
    let query = db
      .selectFrom('campaign_member')
      .leftJoin('enrollment', (join) =>
        join
          .onRef('enrollment.campaign_id', '=', 'campaign_member.campaign_id')
          .onRef('enrollment.merchant_id', '=', 'campaign_member.merchant_id'),
      )
      .select([
        'campaign_member.merchant_id',
        'campaign_member.merchant_name',
        'campaign_member.cohort',
        'campaign_member.area_id',
        'campaign_member.owner_id',
        'campaign_member.tier',
        'campaign_member.lat',
        'campaign_member.lng',
        'enrollment.state',
        'enrollment.channel',
        'enrollment.visited_at',
        'enrollment.decided_at',
      ])
      .where('campaign_member.campaign_id', '=', campaignId)
      .where(memberVisibleTo(scope));
    switch (filter.step) {
      case 'segment':
        break;
      case 'held-out':
      case 'treated':
        query = query.where('campaign_member.cohort', '=', filter.step);
        break;
      case 'invited':
        query = query.where('enrollment.id', 'is not', null);
        break;
      case 'visited':
        query = query.where((eb) => eb.or([eb('enrollment.visited_at', 'is not', null), eb('enrollment.channel', '=', 'on-site')]));
        break;
      default:
        query = query.where('enrollment.state', '=', filter.step);
    }
    if (filter.after !== undefined) query = query.where('campaign_member.merchant_id', '>', filter.after);
    const rows = await query.orderBy('campaign_member.merchant_id').limit(filter.limit).execute();
    return rows.map((r) => ({
      ...r,
      lat: Number(r.lat),
      lng: Number(r.lng),
      visited_at: r.visited_at === null ? null : Number(r.visited_at),
      decided_at: r.decided_at === null ? null : Number(r.decided_at),
    }));
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
