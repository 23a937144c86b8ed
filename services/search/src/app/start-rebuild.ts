import { ConflictError, type Principal, type ProgressReporter, requirePermission } from '@fieldops/platform';
import type { SearchContext } from '../config';
import { rebuildIndex } from './rebuild-index';

const silent: ProgressReporter = { start() {}, tick() {}, stop() {} };

/** Starts a rebuild in this process, in the background (admins only); /search/status shows how far it got. */
export function startRebuild(ctx: SearchContext, caller: Principal): { started: true } {
  requirePermission(caller, '*');
  if (ctx.deps.holder.isBuilding) throw new ConflictError('A rebuild is already running.');
  rebuildIndex(ctx, silent).then(
    (report) => ctx.log.info({ report }, 'search: rebuilt'),
    (error: unknown) => ctx.log.error({ error: String(error) }, 'search: rebuild failed; the old index keeps serving'),
  );
  return { started: true };
}
