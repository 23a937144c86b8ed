import fs from 'node:fs';
import { ConfigError, parseUrlSetting, type ServiceContext, type SetupContext } from '@fieldops/platform';
import { Gauge } from 'prom-client';
import type { MigrationDb } from './db/schema';
import { type MigrationRoute, parseRouteTable } from './domain/route-table';
import { LegacyClient } from './legacy/legacy-client';

/** What one running migration service builds once (`ctx.deps`). */
export interface MigrationDeps {
  /** The route table file, re-read on each use (an edit or a new ConfigMap takes effect without a restart). */
  routes(): MigrationRoute[];
  /** The legacy system; undefined when no route table is configured. */
  legacy: LegacyClient | undefined;
  drift: Gauge<'route'>;
}

export type MigrationContext = ServiceContext<MigrationDb, MigrationDeps>;

/** The channel on which a mode change is announced to every gateway replica (the database row is the record). */
export const MODE_CHANNEL = 'fieldops.migration.route-modes';

export function setupMigration(ctx: SetupContext<MigrationDb>): MigrationDeps {
  const file = ctx.config.env.MIGRATION_ROUTES_FILE;
  const registry = ctx.metrics.registry;
  const drift =
    (registry.getSingleMetric('fieldops_migration_drift') as Gauge<'route'> | undefined) ??
    new Gauge({
      name: 'fieldops_migration_drift',
      help: 'Records the last reconciliation of a route found missing or different on one side',
      labelNames: ['route'],
      registers: [registry],
    });
  if (!file) return { routes: () => [], legacy: undefined, drift };
  const legacyUrl = ctx.config.env.LEGACY_URL;
  if (!legacyUrl) throw new ConfigError('LEGACY_URL', 'is required with MIGRATION_ROUTES_FILE');
  parseUrlSetting('LEGACY_URL', legacyUrl, ['http:', 'https:']);
  let last: MigrationRoute[];
  try {
    last = parseRouteTable(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('MIGRATION_ROUTES_FILE', `${file}: ${(error as Error).message}`);
  }
  return {
    routes() {
      try {
        last = parseRouteTable(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        ctx.log.error({ err: error, file }, 'MIGRATION_ROUTES_FILE does not parse: the last good route table stays in force');
      }
      return last;
    },
    legacy: new LegacyClient(legacyUrl, ctx.config.env.LEGACY_TOKEN || undefined),
    drift,
  };
}
