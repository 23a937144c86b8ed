import type { JobDefinition } from '@fieldops/platform';
import { remindPeriodClosing } from '../app/remind-period-closing';
import { tellDailyAttainment } from '../app/tell-daily-attainment';
import type { PerformanceDb } from '../db/schema';

/** The scheduled notices: each run tells only what is due and not told yet, so a frequent look is cheap and safe. */
export function noticeJobs(everyMs: number): JobDefinition<PerformanceDb>[] {
  return [
    { name: 'performance.daily-attainment', everyMs, run: async (ctx) => void (await tellDailyAttainment(ctx)) },
    { name: 'performance.period-closing', everyMs, run: async (ctx) => void (await remindPeriodClosing(ctx)) },
  ];
}
