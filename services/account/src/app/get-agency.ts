import { type Access, NotFoundError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { agencyRepository } from '../db/agency.repository';
import { type AgencyView, toAgencyView } from './agency-view';

/** An agency the caller can see; one outside their country (or, for agency staff, any other) is not found. */
export async function getAgency(ctx: AccountContext, { scope }: Access, id: string): Promise<AgencyView> {
  const agency = await agencyRepository.findById(ctx.db, id, scope);
  if (!agency) throw new NotFoundError('Agency');
  return toAgencyView(agency);
}
