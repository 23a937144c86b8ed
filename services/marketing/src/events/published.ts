import type { CampaignSnapshot, MarketingEventData, MarketingEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import type { CampaignRow } from '../db/campaign.repository';
import type { EnrollmentRow } from '../db/enrollment.repository';

/** Who acts when nobody does: expiries at a campaign's end. */
export const SERVICE_ACTOR = 'service:marketing';

function event<T extends MarketingEventType>(type: T, subject: string, country: string, data: MarketingEventData<T>, actor: string) {
  const built: NewEvent<MarketingEventData<T>> = { type, subject, data, country, actor };
  return built;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function campaignSnapshot(row: CampaignRow): CampaignSnapshot {
  return {
    id: row.id,
    country: row.country,
    name: row.name,
    type: row.type,
    status: row.status,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    budgetMinor: row.budget_minor,
    costMinor: row.cost_minor,
    cap: row.cap,
    currency: row.currency,
    orgUnitId: row.org_unit_id,
    createdBy: row.created_by,
    version: row.version,
  };
}

export const campaignEvents = {
  created: (row: CampaignRow, actor: string) => event('marketing.campaign.created.v1', row.id, row.country, campaignSnapshot(row), actor),
  statusChanged: (row: CampaignRow, from: CampaignRow['status'], actor: string) =>
    event(
      'marketing.campaign.status-changed.v1',
      row.id,
      row.country,
      { campaignId: row.id, by: actor, from, to: row.status, version: row.version },
      actor,
    ),
  launched: (row: CampaignRow, counts: { members: number; treated: number; heldOut: number }, actor: string) =>
    event(
      'marketing.campaign.launched.v1',
      row.id,
      row.country,
      { campaignId: row.id, by: actor, seed: row.seed ?? '', holdoutShare: row.holdout_share ?? 0, ...counts, version: row.version },
      actor,
    ),
  membersAdded: (row: CampaignRow, data: MarketingEventData<'marketing.campaign.members-added.v1'>, actor: string) =>
    event('marketing.campaign.members-added.v1', row.id, row.country, data, actor),
};

export const enrollmentEvents = {
  invited: (data: MarketingEventData<'marketing.enrollment.invited.v1'>, actor: string) =>
    event('marketing.enrollment.invited.v1', data.enrollmentId, data.country, data, actor),
  decided: (row: EnrollmentRow, currency: string, actor: string) =>
    event(
      'marketing.enrollment.decided.v1',
      row.id,
      row.country,
      {
        enrollmentId: row.id,
        campaignId: row.campaign_id,
        merchantId: row.merchant_id,
        state: row.state,
        by: row.decided_by ?? actor,
        channel: row.channel ?? 'staff',
        visitId: row.visit_id,
        costMinor: row.cost_minor,
        currency,
        ownerId: row.owner_id,
        orgUnitId: row.org_unit_id,
        agencyId: row.agency_id,
        areaId: row.area_id,
        country: row.country,
        version: row.version,
      },
      actor,
    ),
  taskOpened: (data: MarketingEventData<'marketing.task.opened.v1'>, actor: string) =>
    event('marketing.task.opened.v1', data.taskId, data.country, data, actor),
  taskClosed: (row: EnrollmentRow, repId: string, reason: MarketingEventData<'marketing.task.closed.v1'>['reason'], actor: string) =>
    event(
      'marketing.task.closed.v1',
      row.id,
      row.country,
      { taskId: row.id, campaignId: row.campaign_id, merchantId: row.merchant_id, repId, reason },
      actor,
    ),
};
