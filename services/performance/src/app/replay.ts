import { CheckinService, VISIT_VERIFICATIONS, type Visit, type VisitVerification } from '@fieldops/contracts';
import type { ProgressReporter } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { PerformanceContext } from '../config';
import type { Reading } from '../metrics/metric';
import { verifiedVisits, visitReading } from '../metrics/verified-visits';
import { placed } from './known-before';
import { settleCredit } from './settle-credit';

const PAGE = 500;

export interface ReplayReport {
  metrics: { metric: string; read: number; corrected: number }[];
  /** Metrics whose sources have no export to rebuild them from (yet), left as the events made them. */
  notReplayed: string[];
}

function readingOf(visit: Visit): Reading | undefined {
  const verification = visit.verification as VisitVerification;
  if (!VISIT_VERIFICATIONS.includes(verification)) return undefined;
  return visitReading({
    id: visit.id,
    repId: visit.repId,
    orgUnitId: visit.orgUnitId ?? null,
    agencyId: visit.agencyId ?? null,
    areaId: visit.areaId ?? null,
    country: visit.country,
    checkedInAt: new Date(Number(visit.checkedInAt)).toISOString(),
    verification,
    version: Number(visit.version),
  });
}

/**
 * Brings the verified-visit facts to what the checkin service's export says, page by page: a visit whose events
 * were missed (or whose facts were lost) gets the facts for the difference, one already in step is left alone. Runs
 * beside the consumers, since both settle a visit's credit the same way and the newest version wins.
 */
async function replayVisits(ctx: PerformanceContext, progress: ProgressReporter) {
  const call = await ctx.asService();
  let read = 0;
  let corrected = 0;
  let afterId = '';
  // The export has no count: the bar shows pages read.
  progress.start(1, 'performance: visits');
  do {
    const page = await ctx.rpc.client(CheckinService).exportVisits({ afterId, limit: PAGE }, call);
    for (const visit of page.visits) {
      read++;
      const found = readingOf(visit);
      if (!found) continue;
      const reading = await placed(ctx, found);
      const changed = await ctx.transact(async (trx) => settleCredit(ctx, trx, uuidv7(), verifiedVisits.name, reading), {
        retryLockConflicts: true,
      });
      if (changed) corrected++;
    }
    progress.tick(page.visits.length);
    afterId = page.nextAfterId;
  } while (afterId !== '');
  progress.stop();
  return { metric: verifiedVisits.name, read, corrected };
}

/** `fieldops replay performance`: rebuilds the facts the sources' exports can tell. */
export async function replayPerformance(ctx: PerformanceContext, progress: ProgressReporter): Promise<ReplayReport> {
  const visits = await replayVisits(ctx, progress);
  return {
    metrics: [visits],
    notReplayed: ['leads-captured', 'leads-converted', 'merchants-activated'],
  };
}
