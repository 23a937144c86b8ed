import { type Access, NotFoundError } from '@fieldops/platform';
import type { CheckinContext } from '../config';
import { type VisitRow, visitRepository } from '../db/visit.repository';

/** A visit inside the caller's scope; outside it, not found (its existence is not disclosed). */
export async function findVisit(ctx: CheckinContext, { scope }: Access, id: string): Promise<VisitRow> {
  const row = await visitRepository.findById(ctx.db, id, scope);
  if (!row) throw new NotFoundError('Visit');
  return row;
}
