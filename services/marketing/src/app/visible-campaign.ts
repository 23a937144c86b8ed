import { type Access, NotFoundError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';

/** A campaign the caller may see; one outside their scope answers 404, not disclosing that it exists. */
export async function visibleCampaign(ctx: MarketingContext, access: Access, id: string): Promise<CampaignRow> {
  const row = await campaignRepository.visible(ctx.db, id, access.scope);
  if (!row) throw new NotFoundError('Campaign');
  return row;
}
