import type { CampaignStatus } from '@fieldops/contracts';

export { CAMPAIGN_STATUSES, type CampaignStatus } from '@fieldops/contracts';

/** A campaign's life: draft → scheduled → running → ended; cancelled from any state before it ended. */
const NEXT: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['running', 'draft', 'cancelled'],
  running: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
};

export function allowedFrom(status: CampaignStatus): readonly CampaignStatus[] {
  return NEXT[status];
}

export type StatusDecision =
  | { ok: true; status: CampaignStatus }
  | { ok: false; message: string; from: CampaignStatus; to: CampaignStatus; allowed: readonly CampaignStatus[] };

export function moveCampaign(from: CampaignStatus, to: CampaignStatus): StatusDecision {
  const allowed = allowedFrom(from);
  if (allowed.includes(to)) return { ok: true, status: to };
  const list = allowed.length > 0 ? allowed.join(', ') : 'none';
  return { ok: false, message: `A ${from} campaign cannot move to ${to}; allowed: ${list}.`, from, to, allowed };
}

/** Whether members may still decide: only while the campaign runs. */
export const acceptsEnrollments = (status: CampaignStatus) => status === 'running';
