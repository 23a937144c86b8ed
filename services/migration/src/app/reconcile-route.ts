import type { MigrationContext } from '../config';
import { type DriftReport, reconcileListings } from '../domain/reconcile';
import type { MigrationRoute } from '../domain/route-table';
import { allMerchants } from '../resources/merchants.resource';

/** How FieldOps's records of a route are read in full, by the route's FieldOps prefix. */
const FIELDOPS_SIDES: Record<string, (ctx: MigrationContext) => Promise<unknown>> = {
  '/api/v1/merchants': allMerchants,
};

/**
 * Reads both systems' records of a route in full and keeps the drift report (the latest per route) and the
 * `fieldops_migration_drift` gauge: what feeding each side from the other has not (yet) carried across.
 */
export async function reconcileRoute(ctx: MigrationContext, route: MigrationRoute): Promise<DriftReport> {
  const fieldopsSide = FIELDOPS_SIDES[route.prefix];
  if (!fieldopsSide || !ctx.deps.legacy) throw new Error(`route ${route.name}: FieldOps cannot list ${route.prefix} for reconciliation`);
  const [legacy, fieldops] = await Promise.all([ctx.deps.legacy.get(route.legacyPrefix), fieldopsSide(ctx)]);
  const report = reconcileListings(route, legacy, fieldops, new Date(ctx.clock.now()));
  const at = ctx.clock.now();
  const row = { route: route.name, at, drift: report.drift, report: JSON.stringify(report) };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('migration_drift').where('route', '=', route.name).execute();
    await trx.insertInto('migration_drift').values(row).execute();
  });
  ctx.deps.drift.set({ route: route.name }, report.drift);
  return report;
}

/** The scheduled run: every route that can be reconciled and still has two sides (not `new`). */
export async function reconcileAll(ctx: MigrationContext, modes: Map<string, string>): Promise<DriftReport[]> {
  const reports: DriftReport[] = [];
  for (const route of ctx.deps.routes()) {
    if (!FIELDOPS_SIDES[route.prefix] || !route.mapping.matchItemsBy || modes.get(route.name) === 'new') continue;
    try {
      reports.push(await reconcileRoute(ctx, route));
    } catch (error) {
      ctx.log.warn({ err: error, route: route.name }, 'reconciliation failed');
    }
  }
  return reports;
}

export async function latestDrift(ctx: MigrationContext): Promise<DriftReport[]> {
  const rows = await (await ctx.reads()).selectFrom('migration_drift').selectAll().orderBy('route').execute();
  return rows.map((row) => JSON.parse(row.report) as DriftReport);
}
