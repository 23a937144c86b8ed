import { defineService, type ProgressReporter, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { bulkRoutes } from './api/bulk.routes';
import { leadRoutes } from './api/leads.routes';
import { leadsRpc } from './api/rpc';
import { type ImportFor, runImport } from './app/import-job';
import type { LeadsContext } from './config';
import { leadsSchema } from './db/migrations/001-leads';
import { followUpVisitSchema } from './db/migrations/003-follow-up-visit';
import { leadCellsSchema } from './db/migrations/004-lead-cells';
import type { LeadsDb } from './db/schema';
import { areaChangedConsumer } from './events/handlers/area-changed.handler';
import { merchantConversionConsumer } from './events/handlers/merchant-conversion.handler';
import { visitCheckedOutConsumer } from './events/handlers/visit-checked-out.handler';
import { protectionJobs } from './jobs/protection.jobs';
import { demoLeads } from './seed/seed-demo';

export interface LeadsServiceOptions {
  /** How often the protection jobs (warnings, recycling) run; a minute by default. */
  protectionCheckMs?: number;
}

type Seed = (ctx: LeadsContext, progress: ProgressReporter) => Promise<{ summary: string } | undefined>;

const tasks = {
  /** `fieldops leads import`: a CSV file through the capture path, as `who`; answers the per-row report. */
  importLeads: (ctx: LeadsContext, args: { text: string; who: ImportFor }, progress: ProgressReporter) =>
    runImport(ctx, args.who, args.text, progress),
};

/** The leads service's tasks, for `host.runTask`. */
export const leadsTasks = taskRefs('leads', tasks);

export function createLeadsService(options: LeadsServiceOptions = {}, seed?: Seed): ServiceDefinition {
  return defineService<LeadsDb>({
    name: 'leads',
    migrations: [leadsSchema, demoLeads.migration, followUpVisitSchema, leadCellsSchema],
    http: {
      prefixes: ['/api/v1/leads'],
      description: 'Leads: private and public pools, claims, follow-ups, stages and conversion into merchants',
      routes(app, ctx) {
        bulkRoutes(app, ctx);
        leadRoutes(app, ctx);
      },
    },
    rpc: leadsRpc,
    consumes: [merchantConversionConsumer, demoLeads.consumer, areaChangedConsumer, visitCheckedOutConsumer],
    jobs: protectionJobs(options.protectionCheckMs ?? 60_000),
    seedDemo: seed ?? demoLeads.seed,
    tasks,
  });
}

/** Leads: stores not yet on the platform, worked by reps through private and public pools until they convert. */
export const leadsService: ServiceDefinition = createLeadsService();

export type { ImportFor } from './app/import-job';
export type { ImportReport, ImportRowReport } from './app/import-leads';
export type { LeadsDb } from './db/schema';
