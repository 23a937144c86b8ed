import { type Access, NotFoundError } from '@fieldops/platform';
import type { CheckinContext } from '../config';
import { type DayPlanRow, dayPlanRepository } from '../db/day-plan.repository';

/** The caller's plan for a day, or (for a manager) a rep's in their scope. */
export async function findDayPlan(
  ctx: CheckinContext,
  { caller, scope }: Access,
  date: string,
  repId: string | undefined,
): Promise<DayPlanRow> {
  const row = await dayPlanRepository.find(ctx.db, repId ?? caller.userId, date, scope);
  if (!row) throw new NotFoundError('Day plan');
  return row;
}
