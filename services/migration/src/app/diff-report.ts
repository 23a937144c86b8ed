import { uuidv7 } from 'uuidv7';
import type { MigrationContext } from '../config';
import { type DiffSampleRow, diffReportRepository } from '../db/diff-report.repository';
import type { Difference } from '../domain/diff-mapping';
import { maskSensitive } from '../domain/diff-masking';

export type CompareResult = 'match' | 'mismatch' | 'error';

/** One comparison a gateway made; a mismatch carries both answers. */
export interface Comparison {
  route: string;
  result: CompareResult;
  /** Epoch ms. */
  at: number;
  sample?: {
    method: string;
    path: string;
    served: 'legacy' | 'fieldops';
    legacyStatus: number;
    fieldopsStatus: number;
    differences: Difference[];
    legacyBody: unknown;
    fieldopsBody: unknown;
  };
}

/** Mismatches kept per route: evidence to read while the route moves, bounded so a bad route cannot fill the database. */
export const SAMPLES_PER_ROUTE = 50;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Records a gateway's batch of comparisons: per-minute counts (summed with other replicas') and the mismatches, masked
 * before they are stored (no secret and no whole phone number is ever written).
 */
export async function recordComparisons(ctx: MigrationContext, comparisons: Comparison[]): Promise<void> {
  const counts = new Map<string, { route: string; minute: number; matched: number; mismatched: number; failed: number }>();
  for (const c of comparisons) {
    const minute = Math.floor(c.at / MINUTE) * MINUTE;
    const key = `${c.route} ${minute}`;
    const row = counts.get(key) ?? { route: c.route, minute, matched: 0, mismatched: 0, failed: 0 };
    if (c.result === 'match') row.matched += 1;
    else if (c.result === 'mismatch') row.mismatched += 1;
    else row.failed += 1;
    counts.set(key, row);
  }
  await ctx.transact(
    async (trx) => {
      for (const row of counts.values()) await diffReportRepository.addCounts(trx, ctx.dialect, row);
      const routes = new Set<string>();
      for (const c of comparisons) {
        if (c.result !== 'mismatch' || !c.sample) continue;
        await diffReportRepository.addSample(trx, maskedSample(c.route, c.at, c.sample));
        routes.add(c.route);
      }
      for (const route of routes) await diffReportRepository.trimSamples(trx, route, SAMPLES_PER_ROUTE);
    },
    { retryLockConflicts: true },
  );
}

function maskedSample(route: string, at: number, s: NonNullable<Comparison['sample']>): DiffSampleRow {
  const differences = s.differences.map((d) => {
    const field = d.path.split('/').at(-1) ?? '';
    return { ...d, legacy: maskSensitive(d.legacy, field), fieldops: maskSensitive(d.fieldops, field) };
  });
  return {
    id: uuidv7(),
    route,
    at,
    method: s.method,
    path: s.path,
    served: s.served,
    legacy_status: s.legacyStatus,
    fieldops_status: s.fieldopsStatus,
    differences: JSON.stringify(differences),
    legacy_body: JSON.stringify(maskSensitive(s.legacyBody) ?? null),
    fieldops_body: JSON.stringify(maskSensitive(s.fieldopsBody) ?? null),
  };
}

export async function diffSamples(ctx: MigrationContext, route: string | undefined, limit: number) {
  const rows = await diffReportRepository.samples(await ctx.reads(), route, limit);
  return rows.map((row) => ({
    id: row.id,
    route: row.route,
    at: new Date(Number(row.at)).toISOString(),
    method: row.method,
    path: row.path,
    served: row.served,
    legacyStatus: row.legacy_status,
    fieldopsStatus: row.fieldops_status,
    differences: JSON.parse(row.differences) as Difference[],
    legacyBody: JSON.parse(row.legacy_body) as unknown,
    fieldopsBody: JSON.parse(row.fieldops_body) as unknown,
  }));
}

export interface RouteCounts {
  match: number;
  mismatch: number;
  error: number;
  minutes: Array<{ minute: string; match: number; mismatch: number; error: number }>;
}

/** Per route, the last day's comparisons: totals and the per-minute series the console charts. */
export async function compareCounts(ctx: MigrationContext): Promise<Map<string, RouteCounts>> {
  const rows = await diffReportRepository.minutesSince(await ctx.reads(), ctx.clock.now() - DAY);
  const byRoute = new Map<string, RouteCounts>();
  for (const row of rows) {
    const counts = byRoute.get(row.route) ?? { match: 0, mismatch: 0, error: 0, minutes: [] };
    counts.match += row.matched;
    counts.mismatch += row.mismatched;
    counts.error += row.failed;
    counts.minutes.push({
      minute: new Date(Number(row.minute)).toISOString(),
      match: row.matched,
      mismatch: row.mismatched,
      error: row.failed,
    });
    byRoute.set(row.route, counts);
  }
  return byRoute;
}
