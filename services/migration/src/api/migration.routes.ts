import { MIGRATION_MODES, type MigrationMode } from '@fieldops/contracts';
import { accessFor, callerOf, ForbiddenError, NotFoundError, type ServiceApp, ValidationError } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import { type Comparison, compareCounts, diffSamples, recordComparisons } from '../app/diff-report';
import { latestDrift, reconcileRoute } from '../app/reconcile-route';
import { routesWithModes, routeWithMode, switchMode } from '../app/route-modes';
import type { MigrationContext } from '../config';

/** Moving traffic off the legacy system is an administrator's decision; `*` (the admin role) includes it. */
export const MIGRATION_PERMISSION = 'migration:manage';
/** The only caller that reports comparisons: the gateway, with its service identity. */
const GATEWAY = 'service:gateway';
const MAX_LIMIT = 200;
const MAX_BATCH = 1000;

/**
 * The migration's admin API (the route table with each route's mode and a switch, the diff report, drift) and the
 * gateway's report of its comparisons. Nothing here is scoped data: the whole report is the admin's. Not in the
 * public API document: it is an operator's tool for the time a route moves.
 */
export function migrationRoutes(app: ServiceApp, ctx: MigrationContext): void {
  const admin = (request: FastifyRequest) => accessFor(request, MIGRATION_PERMISSION, ctx.scopes);

  const view = async () => {
    const counts = await compareCounts(ctx);
    return (await routesWithModes(ctx)).map(({ route, mode, changedBy, changedAt }) => {
      const c = counts.get(route.name);
      return {
        name: route.name,
        prefix: route.prefix,
        legacyPrefix: route.legacyPrefix,
        mode,
        mapping: route.mapping,
        changedBy,
        changedAt: changedAt ? new Date(changedAt).toISOString() : null,
        compared: { match: c?.match ?? 0, mismatch: c?.mismatch ?? 0, error: c?.error ?? 0 },
        minutes: c?.minutes ?? [],
      };
    });
  };

  app.get('/api/v1/migration/routes', { schema: { hide: true } }, async (request) => {
    await admin(request);
    return { items: await view() };
  });

  app.put<{ Params: { name: string }; Body: unknown }>('/api/v1/migration/routes/:name', { schema: { hide: true } }, async (request) => {
    const { caller } = await admin(request);
    const mode = (request.body as { mode?: unknown } | null)?.mode;
    if (!MIGRATION_MODES.some((known) => known === mode)) {
      throw new ValidationError([{ field: '/body/mode', message: `must be one of ${MIGRATION_MODES.join(', ')}` }]);
    }
    const target = await routeWithMode(ctx, request.params.name);
    if (!target) throw new NotFoundError('Migration route');
    await switchMode(ctx, target.route, mode as MigrationMode, caller.userId);
    return (await view()).find((route) => route.name === target.route.name);
  });

  app.post<{ Params: { name: string } }>('/api/v1/migration/routes/:name/reconcile', { schema: { hide: true } }, async (request) => {
    await admin(request);
    const target = await routeWithMode(ctx, request.params.name);
    if (!target) throw new NotFoundError('Migration route');
    return reconcileRoute(ctx, target.route);
  });

  app.get('/api/v1/migration/drift', { schema: { hide: true } }, async (request) => {
    await admin(request);
    return { items: await latestDrift(ctx) };
  });

  app.get<{ Querystring: { route?: string; limit?: string } }>('/api/v1/migration/diffs', { schema: { hide: true } }, async (request) => {
    await admin(request);
    const { route, limit: rawLimit } = request.query;
    const limit = rawLimit === undefined ? 50 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationError([{ field: '/querystring/limit', message: `must be an integer from 1 to ${MAX_LIMIT}` }]);
    }
    if (route !== undefined && !(await routeWithMode(ctx, route))) {
      throw new ValidationError([{ field: '/querystring/route', message: 'is not a migration route' }]);
    }
    return { items: await diffSamples(ctx, route, limit), routes: await view() };
  });

  app.post<{ Body: unknown }>('/api/v1/migration/comparisons', { schema: { hide: true } }, async (request, reply) => {
    if (callerOf(request).userId !== GATEWAY) throw new ForbiddenError('Only the gateway reports comparisons.');
    const items = (request.body as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || items.length > MAX_BATCH) {
      throw new ValidationError([{ field: '/body/items', message: `must be a list of at most ${MAX_BATCH} comparisons` }]);
    }
    const known = new Set(ctx.deps.routes().map((r) => r.name));
    const comparisons = items.filter((c): c is Comparison => isComparison(c) && known.has(c.route));
    if (comparisons.length > 0) await recordComparisons(ctx, comparisons);
    return reply.code(204).send();
  });
}

function isComparison(value: unknown): value is Comparison {
  const c = value as Partial<Comparison> | null;
  return (
    typeof c?.route === 'string' && typeof c.at === 'number' && (c.result === 'match' || c.result === 'mismatch' || c.result === 'error')
  );
}
