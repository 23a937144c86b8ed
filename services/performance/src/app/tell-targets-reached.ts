import { localDateTime } from '@fieldops/countries';
import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import type { PerformanceDb } from '../db/schema';
import { targetRepository } from '../db/target.repository';
import { parsePeriod, periodKeysOf } from '../domain/period';
import { performanceEvents } from '../events/published';
import type { Reading } from '../metrics/metric';
import { EVERY_FACT } from './every-fact';

/**
 * After a credit, the rep's targets in the credited periods that the figure now reaches are marked reached and
 * announced, each once (a target changed later is reached anew).
 */
export async function tellTargetsReached(
  ctx: PerformanceContext,
  trx: Transaction<PerformanceDb>,
  events: EventWriter,
  metric: string,
  reading: Reading,
): Promise<void> {
  if (reading.credit <= 0) return;
  const { userId, country } = reading.attribution;
  const keys = periodKeysOf(localDateTime(reading.occurredAt, ctx.countries.get(country).timezone).date);
  const targets = await targetRepository.unreached(trx, userId, metric, Object.values(keys));
  for (const target of targets) {
    const period = parsePeriod(target.period);
    const goal = Number(target.value);
    if (!period || goal <= 0) continue;
    const value = await factRepository.sum(trx, EVERY_FACT, { metric, period, credited: { userId } });
    if (value < goal || !(await targetRepository.markReached(trx, target.id, ctx.clock.now()))) continue;
    await events.append(
      performanceEvents.targetReached(country, { targetId: target.id, userId, metric, period: target.period, value, target: goal }),
    );
  }
}
