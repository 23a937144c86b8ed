import type { AttainmentDaily } from '@fieldops/contracts';
import { localDateTime } from '@fieldops/countries';
import { insertIfAbsent } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import { type TargetRow, targetRepository } from '../db/target.repository';
import { parsePeriod, periodKeysOf } from '../domain/period';
import { performanceEvents } from '../events/published';
import { EVERY_FACT } from './every-fact';

/** The local hour from which a rep's day is told: the evening, when the day's visits are in. */
export const DAILY_ATTAINMENT_HOUR = 18;

function byRep(targets: TargetRow[]): Map<string, TargetRow[]> {
  const reps = new Map<string, TargetRow[]>();
  for (const target of targets) reps.set(target.subject_id, [...(reps.get(target.subject_id) ?? []), target]);
  return reps;
}

/**
 * Once a day per country, from its evening on: every rep with a target in a period holding the local day is told
 * their figure against each target so far. Whether the rep reads it is the notification preferences' business (the
 * notice is opt-in); a day already told is skipped, so running this again the same day tells nothing twice.
 * Answers how many reps were told.
 */
export async function tellDailyAttainment(ctx: PerformanceContext): Promise<{ told: number }> {
  const now = ctx.clock.now();
  let told = 0;
  for (const country of await targetRepository.countriesWithRepTargets(ctx.db)) {
    const local = localDateTime(now, ctx.countries.get(country).timezone);
    if (local.minuteOfDay < DAILY_ATTAINMENT_HOUR * 60) continue;
    // A day's own target is the day's, not "so far this period": only the longer periods are told.
    const { day: _day, ...periods } = periodKeysOf(local.date);
    const targets = await targetRepository.ofRepsIn(ctx.db, country, Object.values(periods));
    for (const [userId, own] of byRep(targets)) {
      const attainment: AttainmentDaily['attainment'] = [];
      for (const target of own) {
        const period = parsePeriod(target.period);
        const goal = Number(target.value);
        if (!period || goal <= 0) continue;
        const value = await factRepository.sum(ctx.db, EVERY_FACT, { metric: target.metric, period, credited: { userId } });
        attainment.push({ metric: target.metric, period: target.period, value, target: goal });
      }
      if (attainment.length === 0) continue;
      const fresh = await ctx.transact(async (trx, events) => {
        if (!(await insertIfAbsent(trx, ctx.dialect, 'performance_attainment_told', { user_id: userId, date: local.date, told_at: now }))) {
          return false;
        }
        await events.append(performanceEvents.attainmentDaily(country, { userId, date: local.date, attainment }));
        return true;
      });
      if (fresh) told++;
    }
  }
  return { told };
}
