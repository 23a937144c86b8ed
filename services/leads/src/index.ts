import { defineService, type ServiceDefinition } from '@fieldops/platform';
import { leadRoutes } from './api/leads.routes';
import { leadsSchema } from './db/migrations/001-leads';
import type { LeadsDb } from './db/schema';
import { merchantConversionConsumer } from './events/handlers/merchant-conversion.handler';
import { protectionJobs } from './jobs/protection.jobs';

export interface LeadsServiceOptions {
  /** How often the protection jobs (warnings, recycling) run; a minute by default. */
  protectionCheckMs?: number;
}

export function createLeadsService(options: LeadsServiceOptions = {}): ServiceDefinition {
  return defineService<LeadsDb>({
    name: 'leads',
    migrations: [leadsSchema],
    http: {
      prefixes: ['/api/v1/leads'],
      description: 'Leads: private and public pools, claims, follow-ups, stages and conversion into merchants',
      routes(app, ctx) {
        leadRoutes(app, ctx);
      },
    },
    consumes: [merchantConversionConsumer],
    jobs: protectionJobs(options.protectionCheckMs ?? 60_000),
  });
}

/** Leads: stores not yet on the platform, worked by reps through private and public pools until they convert. */
export const leadsService: ServiceDefinition = createLeadsService();

export type { LeadsDb } from './db/schema';
