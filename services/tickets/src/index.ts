import { defineService, type ProgressReporter, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { ticketsRpc } from './api/rpc';
import { ticketRoutes } from './api/tickets.routes';
import type { TicketsContext } from './config';
import { ticketsSchema } from './db/migrations/001-tickets';
import { breachSortSchema } from './db/migrations/002-breach-sort';
import { slaPoliciesSchema } from './db/migrations/003-sla-policies';
import { onSiteVisitSchema } from './db/migrations/004-on-site-visit';
import type { TicketsDb } from './db/schema';
import { merchantTicketsConsumer } from './events/handlers/merchant-tickets.handler';
import { slaPolicyRecomputeConsumer } from './events/handlers/sla-policy-recompute.handler';
import { visitFlaggedConsumer } from './events/handlers/visit-flagged.handler';
import { recomputeOpenSla } from './jobs/recompute-sla';
import { fireDueSlaActions, slaJobs } from './jobs/sla-breach.job';

export interface TicketsServiceOptions {
  /** How often the SLA job looks for due warnings, breaches and escalations; every 30 s by default. */
  slaCheckMs?: number;
}

const tasks = {
  /** One run of the SLA job now (what the schedule does): answers how many warnings, breaches and escalations fired. */
  fireSlaActions: async (ctx: TicketsContext, _args: Record<string, never>) => ({ fired: await fireDueSlaActions(ctx) }),
  /** After a calendar or policy fix: every open ticket's SLA recomputed from its history. */
  recomputeSla: (ctx: TicketsContext, _args: Record<string, never>, progress: ProgressReporter) => recomputeOpenSla(ctx, progress),
};

/** The tickets service's tasks, for `host.runTask`. */
export const ticketsTasks = taskRefs('tickets', tasks);

export function createTicketsService(options: TicketsServiceOptions = {}): ServiceDefinition {
  return defineService<TicketsDb>({
    name: 'tickets',
    migrations: [ticketsSchema, breachSortSchema, slaPoliciesSchema, onSiteVisitSchema],
    http: {
      prefixes: ['/api/v1/tickets'],
      description: 'Tickets: work orders on merchants, with SLA clocks on each country’s working calendar and escalation',
      routes(app, ctx) {
        ticketRoutes(app, ctx);
      },
    },
    rpc: ticketsRpc,
    consumes: [merchantTicketsConsumer, slaPolicyRecomputeConsumer, visitFlaggedConsumer],
    jobs: slaJobs(options.slaCheckMs ?? 30_000),
    tasks,
  });
}

/** Tickets: work orders with SLA clocks, assignment by rule, escalation to team leads and city managers. */
export const ticketsService: ServiceDefinition = createTicketsService();

export type { TicketsDb } from './db/schema';
