import { CampaignPermission } from './permissions';

/**
 * Why a daily refresh took in nobody: a campaign's creator may no longer run campaigns (their roles no longer grant
 * it), or is no longer an active user. The refresh resumes by itself once the creator may again.
 */
export const REFRESH_PAUSES = ['creator-lacks-permission', 'creator-inactive'] as const;
export type RefreshPause = (typeof REFRESH_PAUSES)[number];

/** The permission creating a campaign needs, held now: what each refresh asks of the creator too. */
export function mayRunCampaigns(permissions: readonly string[]): boolean {
  return permissions.includes(CampaignPermission.write) || permissions.includes('*');
}
