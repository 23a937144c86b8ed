import { type Access, decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import type { OrgUnitKind } from '../domain/org-unit';
import { type OrgUnitView, toOrgUnitView } from './org-unit-view';

export interface OrgUnitFilters {
  parentId?: string;
  kind?: OrgUnitKind;
  country?: string;
}

export async function listOrgUnits(
  ctx: AccountContext,
  { scope }: Access,
  filters: OrgUnitFilters,
  page: { limit: number; cursor?: string },
): Promise<Page<OrgUnitView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await orgUnitRepository.page(ctx.db, scope, filters, after, page.limit);
  return toPage(rows, page.limit, (r) => [r.id], toOrgUnitView);
}
