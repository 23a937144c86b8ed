import type { EdgeCoordinates } from '@fieldops/geo';
import { type Access, decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { type MerchantFilters, merchantRepository } from '../db/merchant.repository';
import { type MerchantView, toMerchantView } from './merchant-view';

export async function listMerchants(
  ctx: MerchantContext,
  { scope }: Access,
  query: MerchantFilters & { limit: number; cursor?: string },
  edge: EdgeCoordinates,
): Promise<Page<MerchantView>> {
  const after = decodeIdCursor(query.cursor);
  const rows = await merchantRepository.list(await ctx.reads(), scope, query, after, query.limit);
  return toPage(
    rows,
    query.limit,
    (row) => [row.id],
    (row) => toMerchantView(row, edge),
  );
}
