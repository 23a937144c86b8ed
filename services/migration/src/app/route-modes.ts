import type { MigrationMode } from '@fieldops/contracts';
import type { MigrationContext } from '../config';
import { MODE_CHANNEL } from '../config';
import { type RouteModeRow, routeModeRepository } from '../db/route-mode.repository';
import type { MigrationRoute } from '../domain/route-table';
import { migrationEvents } from '../events/published';

export interface RouteWithMode {
  route: MigrationRoute;
  mode: MigrationMode;
  changedBy: string;
  changedAt: number;
}

/** Each route of the file with the mode it is in (the database's; the file's for a route never seen before). */
export async function routesWithModes(ctx: MigrationContext): Promise<RouteWithMode[]> {
  const rows = new Map((await routeModeRepository.list(ctx.db)).map((row) => [row.route, row]));
  return ctx.deps.routes().map((route) => {
    const row = rows.get(route.name);
    return { route, mode: row?.mode ?? route.mode, changedBy: row?.changed_by ?? 'file', changedAt: Number(row?.changed_at ?? 0) };
  });
}

export async function routeWithMode(ctx: MigrationContext, name: string): Promise<RouteWithMode | undefined> {
  return (await routesWithModes(ctx)).find((r) => r.route.name === name);
}

/**
 * Moves a route to a mode: the row every gateway follows and the audit event, in one transaction; then a signal
 * so the gateways re-read at once. Setting the mode a route already has changes nothing and records nothing.
 * `fileMode` is set when the switch is an edit of the route table file.
 */
export async function switchMode(
  ctx: MigrationContext,
  route: MigrationRoute,
  to: MigrationMode,
  by: string,
  fileMode?: MigrationMode,
): Promise<boolean> {
  const at = ctx.clock.now();
  await routeModeRepository.insertIfAbsent(ctx.db, ctx.dialect, firstSight(route, at));
  const changed = await ctx.transact(
    async (trx, events) => {
      const row = await routeModeRepository.lock(trx, ctx.dialect, route.name);
      if (!row) return false;
      // A file edit already applied by another replica, or a switch to where the route is, records nothing.
      if (fileMode !== undefined && row.file_mode === fileMode) return false;
      const next: RouteModeRow = { ...row, file_mode: fileMode ?? row.file_mode };
      if (row.mode === to) {
        if (next.file_mode !== row.file_mode) await routeModeRepository.update(trx, next);
        return false;
      }
      await routeModeRepository.update(trx, { ...next, mode: to, changed_by: by, changed_at: at, version: row.version + 1 });
      await events.append(migrationEvents.modeChanged({ route: route.name, from: row.mode, to, by, at: new Date(at).toISOString() }));
      events.afterCommit(() => ctx.pubsub.publish(MODE_CHANNEL, route.name));
      return true;
    },
    { retryLockConflicts: true },
  );
  if (changed) ctx.log.info({ route: route.name, to, by }, 'migration route mode changed');
  return changed;
}

/** Applies an operator's edit of a route's mode in the file as a switch by `file`; new routes start as the file says. */
export async function followRouteFile(ctx: MigrationContext): Promise<void> {
  const rows = new Map((await routeModeRepository.list(ctx.db)).map((row) => [row.route, row]));
  for (const route of ctx.deps.routes()) {
    const row = rows.get(route.name);
    if (!row) await routeModeRepository.insertIfAbsent(ctx.db, ctx.dialect, firstSight(route, ctx.clock.now()));
    else if (row.file_mode !== route.mode) await switchMode(ctx, route, route.mode, 'file', route.mode);
  }
}

function firstSight(route: MigrationRoute, at: number): RouteModeRow {
  return { route: route.name, mode: route.mode, file_mode: route.mode, changed_by: 'file', changed_at: at, version: 1 };
}
