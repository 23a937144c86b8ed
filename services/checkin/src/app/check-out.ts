import type { EdgeCoordinates } from '@fieldops/geo';
import { type Access, isUniqueViolation, NotFoundError, type Principal } from '@fieldops/platform';
import type { CheckinContext } from '../config';
import { pendingCheckOutRepository } from '../db/pending-check-out.repository';
import { visitRepository } from '../db/visit.repository';
import { applyCheckOut, type CheckOutInput } from './apply-check-out';
import type { CheckinPorts } from './ports';
import { assertSameRequest } from './replay';
import { requestFingerprint } from './request-fingerprint';
import { toVisitView, type VisitView } from './visit-view';

export type CheckOutResult = { status: 'applied'; visit: VisitView } | { status: 'held'; visitId: string };

/**
 * Checks a rep out of their visit. A replay of the same check-out answers the visit again; another check-out of a
 * closed visit is a conflict. A check-out whose check-in has not arrived yet (offline replay out of order) is held
 * and applied when the check-in comes. Only the rep who checked in checks out: another rep's visit is not found.
 */
export function checkOut(
  ctx: CheckinContext,
  ports: CheckinPorts,
  { caller }: Access,
  visitId: string,
  input: CheckOutInput,
  edge: EdgeCoordinates,
): Promise<CheckOutResult> {
  return checkOutAs(ctx, ports, caller, visitId, input, edge);
}

async function checkOutAs(
  ctx: CheckinContext,
  ports: CheckinPorts,
  caller: Principal,
  visitId: string,
  input: CheckOutInput,
  edge: EdgeCoordinates,
): Promise<CheckOutResult> {
  const fingerprint = requestFingerprint(input);
  const receivedAt = ctx.clock.now();
  const visit = await visitRepository.findById(ctx.db, visitId);
  if (visit) {
    if (visit.rep_id !== caller.userId) throw new NotFoundError('Visit');
    if (visit.checked_out_at !== null) {
      assertSameRequest({ visitId, repId: visit.rep_id, fingerprint: visit.check_out_fingerprint }, caller, fingerprint, 'check-out');
      return { status: 'applied', visit: toVisitView(visit, edge) };
    }
    // A check-out held earlier and refused when its check-in came (its reason kept) is settled by this one.
    const applied = await applyCheckOut(ctx, ports, visit, input, fingerprint, receivedAt, (trx) =>
      pendingCheckOutRepository.remove(trx, visitId),
    );
    return { status: 'applied', visit: toVisitView(applied, edge) };
  }

  const held = await pendingCheckOutRepository.find(ctx.db, visitId);
  if (held) {
    if (held.rep_id !== caller.userId) throw new NotFoundError('Visit');
    assertSameRequest({ visitId, repId: held.rep_id, fingerprint: held.fingerprint }, caller, fingerprint, 'check-out');
    return { status: 'held', visitId };
  }
  try {
    const checkedInMeanwhile = await ctx.transact(async (trx) => {
      // Locks the id on MySQL (a gap lock when absent), so a check-in committing now waits for this hold, and then
      // finds and applies it.
      if (await visitRepository.lockById(trx, ctx.dialect, visitId)) return true;
      await pendingCheckOutRepository.insert(trx, {
        visit_id: visitId,
        rep_id: caller.userId,
        body: JSON.stringify(input),
        fingerprint,
        received_at: receivedAt,
        problem: null,
        created_at: receivedAt,
      });
      return false;
    });
    if (checkedInMeanwhile) return checkOutAs(ctx, ports, caller, visitId, input, edge);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return checkOutAs(ctx, ports, caller, visitId, input, edge);
  }
  return { status: 'held', visitId };
}
