import { defineService, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { campaignRoutes } from './api/campaigns.routes';
import { invitationPageRoutes } from './api/invitation-page.routes';
import { marketingRpc } from './api/rpc';
import { refreshSegments } from './app/refresh-segments';
import { type MarketingContext, type MarketingDeps, setupMarketing } from './config';
import { marketingSchema } from './db/migrations/001-marketing';
import { dailyRefreshSchema } from './db/migrations/002-daily-refresh';
import { refreshOutcomeSchema } from './db/migrations/003-refresh-outcome';
import type { MarketingDb } from './db/schema';
import { visitsConsumer } from './events/handlers/visits.handler';

const DAY_MS = 86_400_000;

const tasks = {
  /** One run of the daily refresh now (what the schedule does): answers how many campaigns it read and merchants it added. */
  refreshSegments: (ctx: MarketingContext, _args: Record<string, never>) => refreshSegments(ctx),
};

/** The marketing service's tasks, for `host.runTask`. */
export const marketingTasks = taskRefs('marketing', tasks);

/**
 * Marketing: campaigns on merchant segments (queries on the search read model), a stratified holdout drawn at
 * launch, invitations by message with a signed link and by rep visit, enrollments within budget, and the uplift of
 * treated over held-out merchants on the performance service's figures.
 */
export const marketingService: ServiceDefinition = defineService<MarketingDb, MarketingDeps>({
  name: 'marketing',
  migrations: [marketingSchema, dailyRefreshSchema, refreshOutcomeSchema],
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
  jobs: [{ name: 'marketing.daily-refresh', everyMs: DAY_MS, run: async (ctx) => void (await refreshSegments(ctx)) }],
  tasks,
});

export type { MarketingDb } from './db/schema';
