import { clientSystem, requestCoordinates } from '@fieldops/geo';
import { accessFor, type ServiceApp, ValidationError } from '@fieldops/platform';
import type { AreaIndexHolder } from '../app/area-index-holder';
import { areaVisibility } from '../app/area-visibility';
import { coveringAt } from '../app/covering';
import { listOverlaps } from '../app/list-overlaps';
import { resolvePoints } from '../app/resolve-points';
import type { AreaContext } from '../config';
import { AreaPermission } from '../domain/permissions';
import { CoordsOnlyQuery, CoveringQuery, CoveringResponse, OverlapsQuery, OverlapsResponse, ResolveBody, ResolveResponse } from './schemas';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Lookups over the territory map: which area holds a point, who covers it, which siblings overlap. */
export function territoryRoutes(app: ServiceApp, ctx: AreaContext, index: AreaIndexHolder): void {
  app.post(
    '/api/v1/areas/resolve',
    {
      schema: {
        operationId: 'resolveAreas',
        summary: 'The most specific area holding each point (null outside every area); up to 1000 points',
        querystring: CoordsOnlyQuery,
        body: ResolveBody,
        response: { 200: ResolveResponse },
      },
    },
    async (request) => {
      const access = await accessFor(request, AreaPermission.read, areaVisibility(ctx));
      return { results: await resolvePoints(index, request.body.points, clientSystem(ctx.countries, access.caller, request.query.coords)) };
    },
  );

  app.get(
    '/api/v1/areas/overlaps',
    {
      schema: {
        operationId: 'listAreaOverlaps',
        summary: 'Overlapping sibling areas in a country, and which one wins where they overlap',
        querystring: OverlapsQuery,
        response: { 200: OverlapsResponse },
      },
    },
    async (request) => listOverlaps(ctx, await accessFor(request, AreaPermission.read, areaVisibility(ctx)), index, request.query.country),
  );

  app.get(
    '/api/v1/areas/covering',
    {
      schema: {
        operationId: 'listCoveringAreas',
        summary: 'Who covers a point at an instant (default now): the resolved area and its ancestors’ primary reps, backups and managers',
        querystring: CoveringQuery,
        response: { 200: CoveringResponse },
      },
    },
    async (request) => {
      const access = await accessFor(request, AreaPermission.read, areaVisibility(ctx));
      const { lat, lng, at, coords } = request.query;
      const when = at === undefined ? ctx.clock.now() : Date.parse(at);
      if (!Number.isFinite(when)) throw new ValidationError([{ field: '/query/at', message: 'is not a date-time' }]);
      const covering = await coveringAt(
        ctx.db,
        index,
        requestCoordinates(ctx.countries, access.caller, coords).toStored({ lat, lng }),
        when,
      );
      const view = (list: typeof covering.primary) =>
        list.map((c) => ({ ...c, effectiveFrom: new Date(c.effectiveFrom).toISOString(), effectiveTo: iso(c.effectiveTo) }));
      return { ...covering, primary: view(covering.primary), backups: view(covering.backups), managers: view(covering.managers) };
    },
  );
}
