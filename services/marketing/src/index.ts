import { defineService, type ServiceDefinition } from '@fieldops/platform';
import { campaignRoutes } from './api/campaigns.routes';
import { invitationPageRoutes } from './api/invitation-page.routes';
import { marketingRpc } from './api/rpc';
import { type MarketingDeps, setupMarketing } from './config';
import { marketingSchema } from './db/migrations/001-marketing';
import type { MarketingDb } from './db/schema';
import { visitsConsumer } from './events/handlers/visits.handler';

/**
 * Marketing: campaigns on merchant segments (queries on the search read model), a stratified holdout drawn at
 * launch, invitations by message with a signed link and by rep visit, enrollments within budget, and the uplift of
 * treated over held-out merchants on the performance service's figures.
 */
export const marketingService: ServiceDefinition = defineService<MarketingDb, MarketingDeps>({
  name: 'marketing',
  migrations: [marketingSchema],
  setup: setupMarketing,
  http: {
    prefixes: ['/api/v1/campaigns', '/m/campaigns'],
    description: 'Marketing: campaigns on merchant segments, holdout groups, enrollments within budget, and measured uplift',
    routes(app, ctx) {
      campaignRoutes(app, ctx);
      invitationPageRoutes(app, ctx);
    },
  },
  rpc: marketingRpc,
  consumes: [visitsConsumer],
});

export type { MarketingDb } from './db/schema';
