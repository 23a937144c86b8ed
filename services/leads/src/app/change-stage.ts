import type { LeadStage } from '@fieldops/contracts';
import { type Access, ConflictError, ForbiddenError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import type { LeadRow } from '../db/lead.repository';
import { canMoveStage } from '../domain/lead-stage';
import { leadEvents } from '../events/published';
import { writeLead } from './ownership';
import { visibleLead } from './visible-lead';

/** The holder (or a manager whose scope covers the lead) moves the lead along its stages. */
export async function changeStage(ctx: LeadsContext, access: Access, id: string, to: LeadStage): Promise<LeadRow> {
  const { caller } = access;
  const lead = await visibleLead(ctx, access, id);
  if (lead.owner_id !== caller.userId && (access.scope.scope === 'self' || lead.owner_id === null)) {
    throw new ForbiddenError('Only the rep holding the lead, or their manager, changes its stage.');
  }
  if (!canMoveStage(lead.stage, to)) {
    throw new ConflictError(`A lead cannot move from ${lead.stage} to ${to}.`, [{ field: '/body/to', message: 'is not a next stage' }], {
      code: 'illegal-transition',
    });
  }
  const now = ctx.clock.now();
  return ctx.transact(async (trx, events) => {
    const after = await writeLead(trx, lead, { stage: to }, now);
    await events.append(leadEvents.stageChanged(after, lead.stage, caller.userId));
    return after;
  });
}
