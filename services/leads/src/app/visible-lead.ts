import { type Access, NotFoundError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { type LeadRow, leadRepository } from '../db/lead.repository';

/** A lead the caller may see; one outside their scope answers 404, not disclosing that it exists. */
export async function visibleLead(ctx: LeadsContext, access: Access, id: string): Promise<LeadRow> {
  const row = await leadRepository.visible(ctx.db, id, access.scope);
  if (!row) throw new NotFoundError('Lead');
  return row;
}
