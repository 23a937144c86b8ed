import { type Access, decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { type AgencyFilters, agencyRepository } from '../db/agency.repository';
import { type AgencyView, toAgencyView } from './agency-view';

export async function listAgencies(
  ctx: AccountContext,
  { scope }: Access,
  filters: AgencyFilters,
  page: { limit: number; cursor?: string },
): Promise<Page<AgencyView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await agencyRepository.page(ctx.db, scope, filters, after, page.limit);
  return toPage(rows, page.limit, (r) => [r.id], toAgencyView);
}
