import { defineService, type ServiceDefinition } from '@fieldops/platform';
import { planRoutes } from './api/plans.routes';
import { checkinRpc } from './api/rpc';
import { templateRoutes } from './api/templates.routes';
import { visitRoutes } from './api/visits.routes';
import { type CheckinPorts, rpcPorts } from './app/ports';
import type { CheckinSetupContext } from './config';
import { checkinSchema } from './db/migrations/001-checkin';
import { deviceTimeSchema } from './db/migrations/002-device-time';
import { campaignTasksSchema } from './db/migrations/003-campaign-tasks';
import { repFixesSchema } from './db/migrations/004-rep-fixes';
import type { CheckinDb } from './db/schema';
import { campaignTasksConsumer } from './events/campaign-tasks.consumer';
import { pendingCheckOutsJob } from './jobs/pending-check-outs.job';

/**
 * Field visits: check-in with geofence and risk signals, check-out with the country's questionnaire, offline
 * replays, the supervisors' review queue, and day plans ordered by a route optimiser. `portsOf` builds the lookups of
 * targets and photos once per start (RPC to the merchant, leads, POI and file services by default): they are `ctx.deps`.
 */
export function createCheckinService(portsOf: (ctx: CheckinSetupContext) => CheckinPorts = rpcPorts): ServiceDefinition {
  return defineService<CheckinDb, CheckinPorts>({
    name: 'checkin',
    migrations: [checkinSchema, deviceTimeSchema, campaignTasksSchema, repFixesSchema],
    setup: portsOf,
    http: {
      prefixes: ['/api/v1/visits', '/api/v1/plans'],
      description: 'Field visits: check-in/out, offline replay, fraud signals and review, day plans',
      routes(app, ctx) {
        visitRoutes(app, ctx, ctx.deps);
        planRoutes(app, ctx, ctx.deps);
        templateRoutes(app, ctx);
      },
    },
    rpc: checkinRpc,
    consumes: [campaignTasksConsumer],
    jobs: [pendingCheckOutsJob()],
  });
}

export const checkinService: ServiceDefinition = createCheckinService();

export type { CheckinDb } from './db/schema';
