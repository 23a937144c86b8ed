import type { JobDefinition } from '@fieldops/platform';
import { applyPendingCheckOut } from '../app/apply-pending-check-out';
import type { CheckinPorts } from '../app/ports';
import { PENDING_CHECK_OUT_SWEEP_MS } from '../config';
import { pendingCheckOutRepository } from '../db/pending-check-out.repository';
import type { CheckinDb } from '../db/schema';

const BATCH = 100;

/**
 * The safety net behind "a check-out that arrives first is applied when its check-in comes": the check-in applies it
 * at once; this sweep applies any that a crash between the two left behind.
 */
export function pendingCheckOutsJob(): JobDefinition<CheckinDb, CheckinPorts> {
  return {
    name: 'checkin.apply-pending-check-outs',
    everyMs: PENDING_CHECK_OUT_SWEEP_MS,
    async run(ctx) {
      for (const pending of await pendingCheckOutRepository.readyToApply(ctx.db, BATCH)) {
        await applyPendingCheckOut(ctx, ctx.deps, pending.visit_id);
      }
    },
  };
}
