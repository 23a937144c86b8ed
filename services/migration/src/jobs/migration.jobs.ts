import type { JobDefinition } from '@fieldops/platform';
import { importLegacyChanges } from '../app/import-legacy-changes';
import { reconcileAll } from '../app/reconcile-route';
import { followRouteFile, routesWithModes } from '../app/route-modes';
import type { MigrationDeps } from '../config';
import type { MigrationDb } from '../db/schema';

export interface MigrationSchedule {
  /** How often the route table file is checked for an operator's edit of a mode. */
  followFileMs: number;
  /** How often the import adapter reads the legacy change feed. */
  importMs: number;
  /** How often every route is reconciled. */
  reconcileMs: number;
}

/** One replica at a time runs each (the job lease): an edit of the file is applied, and recorded, once. */
export function migrationJobs(schedule: MigrationSchedule): JobDefinition<MigrationDb, MigrationDeps>[] {
  return [
    { name: 'follow-route-file', everyMs: schedule.followFileMs, run: followRouteFile },
    {
      name: 'import-legacy-changes',
      everyMs: schedule.importMs,
      run: async (ctx) => {
        await importLegacyChanges(ctx);
      },
    },
    {
      name: 'reconcile',
      everyMs: schedule.reconcileMs,
      run: async (ctx) => {
        const modes = new Map((await routesWithModes(ctx)).map((r) => [r.route.name, r.mode]));
        await reconcileAll(ctx, modes);
      },
    },
  ];
}
