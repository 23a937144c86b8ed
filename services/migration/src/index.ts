import { defineService, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { migrationRoutes } from './api/migration.routes';
import { importLegacyChanges } from './app/import-legacy-changes';
import { reconcileAll } from './app/reconcile-route';
import { followRouteFile, routesWithModes } from './app/route-modes';
import { type MigrationContext, setupMigration } from './config';
import { migrationSchema } from './db/migrations/001-migration';
import type { MigrationDb } from './db/schema';
import { legacyFeedConsumer } from './events/handlers/legacy-feed.handler';
import { type MigrationSchedule, migrationJobs } from './jobs/migration.jobs';

const tasks = {
  /** One run of the import adapter now (what the schedule does): answers how many legacy changes it handed on. */
  importLegacyChanges: async (ctx: MigrationContext, _args: Record<string, never>) => ({ imported: await importLegacyChanges(ctx) }),
  /** One reconciliation of every route now: answers each route's drift report. */
  reconcile: async (ctx: MigrationContext, _args: Record<string, never>) => {
    const modes = new Map((await routesWithModes(ctx)).map((r) => [r.route.name, r.mode]));
    return { reports: await reconcileAll(ctx, modes) };
  },
  /** Applies an edit of the route table file now. */
  followRouteFile: async (ctx: MigrationContext, _args: Record<string, never>) => {
    await followRouteFile(ctx);
    return {};
  },
};

/** The migration service's tasks, for `host.runTask`. */
export const migrationTasks = taskRefs('migration', tasks);

export function createMigrationService(schedule: Partial<MigrationSchedule> = {}): ServiceDefinition {
  return defineService<MigrationDb, Awaited<ReturnType<typeof setupMigration>>>({
    name: 'migration',
    migrations: [migrationSchema],
    setup: setupMigration,
    http: {
      prefixes: ['/api/v1/migration'],
      description: 'Migration: the mode of each route moving off a legacy system, the diff report, and both sides kept fed',
      routes(app, ctx) {
        migrationRoutes(app, ctx);
      },
    },
    consumes: [legacyFeedConsumer],
    jobs: migrationJobs({ followFileMs: 1_000, importMs: 10_000, reconcileMs: 5 * 60_000, ...schedule }),
    tasks,
  });
}

/**
 * Migration: moving routes off a legacy CRM. Owns each route's mode (followed by every gateway replica), the diff
 * report's samples and counts, and the adapters that feed each side from the other, with a reconciliation job.
 */
export const migrationService: ServiceDefinition = createMigrationService();

export type { CompareResult, Comparison } from './app/diff-report';
export { MODE_CHANNEL } from './config';
export type { MigrationDb } from './db/schema';
export { compareBodies, type Difference, type DiffMapping, EMPTY_MAPPING, fieldOpsToLegacy, legacyToFieldOps } from './domain/diff-mapping';
export { MIGRATION_MODES, type MigrationMode, type MigrationRoute, parseRouteTable } from './domain/route-table';
