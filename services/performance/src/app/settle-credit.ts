import { localDateTime } from '@fieldops/countries';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import { factRepository } from '../db/fact.repository';
import type { PerformanceDb } from '../db/schema';
import { uncountedRepository } from '../db/uncounted.repository';
import { periodKeysOf } from '../domain/period';
import type { Reading } from '../metrics/metric';

/**
 * Brings a source's facts for a metric to the credit the event reads: a fact for the difference, never an edit.
 * An event older than the newest one applied for the source changes nothing, so a rejection that arrives before the
 * check-out it follows still ends at zero credit. A negative difference reverses the newest credit the source has,
 * in that fact's periods (the credit leaves the period it was earned in, even a past one). Answers whether it wrote
 * a fact.
 */
export async function settleCredit(
  ctx: PerformanceContext,
  trx: Transaction<PerformanceDb>,
  /** The event (or replay) that brought the reading: each one credits a metric once. */
  sourceEventId: string,
  metric: string,
  reading: Reading,
): Promise<boolean> {
  const source = await factRepository.lockSource(trx, ctx.dialect, metric, reading.sourceType, reading.sourceId);
  if (source.version >= reading.version) return false;
  const difference = reading.credit - source.credit;
  const now = ctx.clock.now();
  if (difference > 0) {
    await factRepository.insert(trx, {
      id: uuidv7(),
      metric,
      ...placement(ctx, reading),
      source_type: reading.sourceType,
      source_id: reading.sourceId,
      source_event_id: sourceEventId,
      credit: difference,
      reverses: null,
      recorded_at: now,
    });
  } else if (difference < 0) {
    const [taken] = await factRepository.unreversedCredits(trx, metric, reading.sourceType, reading.sourceId);
    if (taken) {
      await factRepository.insert(trx, {
        ...taken,
        id: uuidv7(),
        source_event_id: sourceEventId,
        credit: -Math.min(taken.credit, -difference),
        reverses: taken.id,
        recorded_at: now,
      });
    }
  }
  await factRepository.setSource(trx, { ...source, version: reading.version, credit: reading.credit });
  await settleUncounted(ctx, trx, metric, reading, now);
  return difference !== 0;
}

/** Keeps why a source credits nothing while it does not, for the rep to see; clears it once the source counts. */
async function settleUncounted(
  ctx: PerformanceContext,
  trx: Transaction<PerformanceDb>,
  metric: string,
  reading: Reading,
  now: number,
): Promise<void> {
  if (reading.credit > 0 || reading.uncounted === undefined) {
    await uncountedRepository.clear(trx, metric, reading.sourceType, reading.sourceId);
    return;
  }
  await uncountedRepository.put(trx, ctx.dialect, {
    metric,
    source_type: reading.sourceType,
    source_id: reading.sourceId,
    ...placement(ctx, reading),
    reason: reading.uncounted.reason,
    detail: reading.uncounted.detail,
    recorded_at: now,
  });
}

/** Who a reading credits, where they worked, and the periods of its instant in their country's time zone. */
function placement(ctx: PerformanceContext, reading: Reading) {
  const { attribution } = reading;
  return {
    user_id: attribution.userId,
    org_unit_id: attribution.orgUnitId,
    agency_id: attribution.agencyId,
    area_id: attribution.areaId,
    country: attribution.country,
    occurred_at: reading.occurredAt,
    ...periodKeysOf(localDateTime(reading.occurredAt, ctx.countries.get(attribution.country).timezone).date),
  };
}
