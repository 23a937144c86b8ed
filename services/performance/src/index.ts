import { defineService, type ProgressReporter, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { performanceRoutes } from './api/performance.routes';
import { performanceRpc } from './api/rpc';
import { remindPeriodClosing } from './app/remind-period-closing';
import { replayPerformance } from './app/replay';
import { tellDailyAttainment } from './app/tell-daily-attainment';
import type { PerformanceContext } from './config';
import { performanceSchema } from './db/migrations/001-performance';
import { merchantDaysSchema } from './db/migrations/002-merchant-days';
import { incentivesSchema } from './db/migrations/003-incentives';
import { attainmentToldSchema } from './db/migrations/004-attainment-told';
import { periodRemindedSchema } from './db/migrations/005-period-reminded';
import { uncountedSchema } from './db/migrations/006-uncounted';
import type { PerformanceDb } from './db/schema';
import { enrollmentsConsumer, leadsConsumer, merchantsConsumer, ticketsConsumer, visitsConsumer } from './events/handlers/consumers';
import { orgUnitsConsumer } from './events/handlers/org-units.handler';
import { noticeJobs } from './jobs/notice.jobs';

const tasks = {
  /** `fieldops replay performance`: the facts the sources' exports can tell, brought in step with them. */
  replayPerformance: (ctx: PerformanceContext, _args: undefined, progress: ProgressReporter) => replayPerformance(ctx, progress),
  /** What the daily-attainment job runs: reps whose evening it is are told their attainment, once a day. */
  tellDailyAttainment: (ctx: PerformanceContext, _args: undefined) => tellDailyAttainment(ctx),
  /** What the period-closing job runs: each pay period near its end and still open is reminded of, once. */
  remindPeriodClosing: (ctx: PerformanceContext, _args: undefined) => remindPeriodClosing(ctx),
};

/** The performance service's tasks, for `host.runTask`. */
export const performanceTasks = taskRefs('performance', tasks);

/**
 * Performance: figures (KPIs) summed from facts credited by verified events, targets and attainment,
 * leaderboards, and the facts behind every figure.
 */
export const performanceService: ServiceDefinition = defineService<PerformanceDb>({
  name: 'performance',
  migrations: [performanceSchema, merchantDaysSchema, incentivesSchema, attainmentToldSchema, periodRemindedSchema, uncountedSchema],
  http: {
    prefixes: ['/api/v1/performance'],
    description: 'Performance: figures from verified events, targets and attainment, leaderboards, and the facts behind every figure',
    routes(app, ctx) {
      performanceRoutes(app, ctx);
    },
  },
  rpc: performanceRpc,
  consumes: [orgUnitsConsumer, visitsConsumer, leadsConsumer, merchantsConsumer, enrollmentsConsumer, ticketsConsumer],
  // Quarter-hourly: a country's evening is told within fifteen minutes of its start, a period's last days as they begin.
  jobs: noticeJobs(15 * 60_000),
  tasks,
});

export type { ReplayReport } from './app/replay';
/** The queries figures, leaderboards and explain run on, for the benchmark to measure on their own. */
export { factRepository } from './db/fact.repository';
export type { PerformanceDb } from './db/schema';
export { METRIC_NAMES } from './metrics';
