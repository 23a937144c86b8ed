import type { EdgeCoordinates } from '@fieldops/geo';
import { type Access, decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { leadRepository } from '../db/lead.repository';
import { type LeadView, toLeadView } from './lead-view';
import { readableDuplicates } from './shown-duplicates';

export interface ListLeadsInput {
  pool?: 'mine' | 'public';
  country?: string;
  limit: number;
  cursor?: string;
}

/** My leads, the public pool I can see, or (no pool) every lead I can see, of one country when asked; oldest first. */
export async function listLeads(ctx: LeadsContext, access: Access, input: ListLeadsInput, edge?: EdgeCoordinates): Promise<Page<LeadView>> {
  const after = decodeIdCursor(input.cursor);
  const rows = await leadRepository.list(ctx.db, access.scope, {
    pool: input.pool,
    userId: access.caller.userId,
    after: after,
    limit: input.limit,
    country: input.country,
  });
  const readable = await readableDuplicates(
    ctx,
    access,
    rows.map((row) => row.duplicate_of),
  );
  return toPage(
    rows,
    input.limit,
    (row) => [row.id],
    (row) => toLeadView(row, readable, edge),
  );
}
