import { defineService, type ServiceDefinition } from '@fieldops/platform';
import { ticketsRpc } from './api/rpc';
import { ticketRoutes } from './api/tickets.routes';
import { ticketsSchema } from './db/migrations/001-tickets';
import type { TicketsDb } from './db/schema';
import { merchantTicketsConsumer } from './events/handlers/merchant-tickets.handler';
import { slaJobs } from './jobs/sla-breach.job';

export interface TicketsServiceOptions {
  /** How often the SLA job looks for due warnings, breaches and escalations; every 30 s by default. */
  slaCheckMs?: number;
}

export function createTicketsService(options: TicketsServiceOptions = {}): ServiceDefinition {
  return defineService<TicketsDb>({
    name: 'tickets',
    migrations: [ticketsSchema],
    http: {
      prefixes: ['/api/v1/tickets'],
      description: 'Tickets: work orders on merchants, with SLA clocks on each country’s working calendar and escalation',
      routes(app, ctx) {
        ticketRoutes(app, ctx);
      },
    },
    rpc: ticketsRpc,
    consumes: [merchantTicketsConsumer],
    jobs: slaJobs(options.slaCheckMs ?? 30_000),
  });
}

/** Tickets: work orders with SLA clocks, assignment by rule, escalation to team leads and city managers. */
export const ticketsService: ServiceDefinition = createTicketsService();

export type { TicketsDb } from './db/schema';
export { fireDueSlaActions } from './jobs/sla-breach.job';
