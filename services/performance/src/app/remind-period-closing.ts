import { localDateTime, localTimeToEpoch } from '@fieldops/countries';
import { insertIfAbsent } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { orgUnitRepository } from '../db/org-unit.repository';
import { statementRepository } from '../db/statement.repository';
import { dueClosingReminders, endDateOf } from '../domain/period-closing';
import { performanceEvents } from '../events/published';

/**
 * Tells, once per pay period, that a country's period is about to end (or has just ended) and is not closed yet, so
 * that whoever closes periods there is ready. Every country with an organisation (a top org unit) is looked at; the
 * stored marker is written in the transaction that appends the event, so a repeated run or a second replica tells
 * nothing twice. Answers the periods told.
 */
export async function remindPeriodClosing(ctx: PerformanceContext): Promise<{ reminded: string[] }> {
  const now = ctx.clock.now();
  const reminded: string[] = [];
  for (const [country, orgUnitIds] of await orgUnitRepository.rootsByCountry(ctx.db)) {
    const { timezone } = ctx.countries.get(country);
    const today = localDateTime(now, timezone).date;
    const closed = await statementRepository.closedMonths(ctx.db, country);
    for (const { period, daysLeft } of dueClosingReminders(country, today, closed)) {
      const endsAt = localTimeToEpoch(endDateOf(period.month), '00:00', timezone);
      const told = await ctx.transact(async (trx, events) => {
        // Closed since it was looked at: nothing to remind of.
        if ((await statementRepository.closedMonths(trx, country)).has(period.month)) return false;
        if (!(await insertIfAbsent(trx, ctx.dialect, 'performance_period_reminded', { period_id: period.id, reminded_at: now })))
          return false;
        await events.append(
          performanceEvents.periodClosing({
            periodId: period.id,
            country,
            month: period.month,
            endsAt: new Date(endsAt).toISOString(),
            daysLeft,
            orgUnitIds,
          }),
        );
        return true;
      });
      if (told) reminded.push(period.id);
    }
  }
  return { reminded };
}
