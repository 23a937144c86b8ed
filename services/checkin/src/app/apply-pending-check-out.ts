import { AppError } from '@fieldops/platform';
import type { CheckinContext } from '../config';
import { pendingCheckOutRepository } from '../db/pending-check-out.repository';
import { type VisitRow, visitRepository } from '../db/visit.repository';
import { applyCheckOut, type CheckOutInput } from './apply-check-out';
import type { CheckinPorts } from './ports';
import { parseJson } from './visit-view';

/**
 * Applies the check-out held for a visit whose check-in has now arrived; answers the visit as it is afterwards, or
 * undefined when nothing was held. A held check-out the visit refuses (another rep's, answers the template does not
 * accept) stays held with the reason, for support to see: it is never silently dropped.
 */
export async function applyPendingCheckOut(ctx: CheckinContext, ports: CheckinPorts, visitId: string): Promise<VisitRow | undefined> {
  const pending = await pendingCheckOutRepository.find(ctx.db, visitId);
  if (!pending || pending.problem !== null) return undefined;
  const visit = await visitRepository.findById(ctx.db, visitId);
  if (!visit || visit.checked_out_at !== null) return visit;
  if (visit.rep_id !== pending.rep_id) {
    await pendingCheckOutRepository.markProblem(ctx.db, visitId, 'the check-in was made by another rep');
    return visit;
  }
  const input = parseJson<CheckOutInput>(pending.body, { deviceTime: '', outcome: 'other', notes: '', answers: {} });
  try {
    return await applyCheckOut(ctx, ports, visit, input, pending.fingerprint, Number(pending.received_at), (trx) =>
      pendingCheckOutRepository.remove(trx, visitId),
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    await pendingCheckOutRepository.markProblem(ctx.db, visitId, JSON.stringify({ detail: error.message, errors: error.errors }));
    return visit;
  }
}
