import type { EnrollmentRow } from '../db/enrollment.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toEnrollmentView(row: EnrollmentRow) {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    merchantId: row.merchant_id,
    state: row.state,
    channel: row.channel,
    visitId: row.visit_id,
    decidedBy: row.decided_by,
    ownerId: row.owner_id,
    areaId: row.area_id,
    invitedAt: new Date(row.invited_at).toISOString(),
    visitedAt: iso(row.visited_at),
    decidedAt: iso(row.decided_at),
    costMinor: row.cost_minor,
    version: row.version,
  };
}
