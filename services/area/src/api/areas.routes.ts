import { expectedVersion, PageOf, type ServiceApp, setEtag } from '@fieldops/platform';
import { accessFor } from '../app/access';
import type { AreaIndexHolder } from '../app/area-index-holder';
import { systemOf } from '../app/coordinates';
import { createArea } from '../app/create-area';
import { deleteArea } from '../app/delete-area';
import { geometryFromRequest } from '../app/geometry-input';
import { getArea } from '../app/get-area';
import { listAreas } from '../app/list-areas';
import { updateArea } from '../app/update-area';
import type { AreaContext } from '../config';
import { Area, AreaListQuery, CoordsOnlyQuery, CreateAreaBody, IdParams, UpdateAreaBody } from './schemas';

export function areaRoutes(app: ServiceApp, ctx: AreaContext, index: AreaIndexHolder): void {
  app.get(
    '/api/v1/areas',
    {
      schema: { operationId: 'listAreas', summary: 'Areas in my territories', querystring: AreaListQuery, response: { 200: PageOf(Area) } },
    },
    async (request) => {
      const access = await accessFor(ctx, request, 'area:read');
      return listAreas(ctx, access, request.query, systemOf(ctx, access.caller, request.query.coords));
    },
  );

  app.post(
    '/api/v1/areas',
    {
      schema: {
        operationId: 'createArea',
        summary: 'Create an area (a country, a city in it, districts and grids below) with its polygon',
        querystring: CoordsOnlyQuery,
        body: CreateAreaBody,
        response: { 201: Area },
      },
    },
    async (request, reply) => {
      const access = await accessFor(ctx, request, 'area:write');
      const coords = systemOf(ctx, access.caller, request.query.coords);
      const geometry = geometryFromRequest(request.body.geometry, coords);
      const area = await createArea(ctx, access, index, { ...request.body, geometry }, coords);
      setEtag(reply, area.version);
      return reply.code(201).header('location', `/api/v1/areas/${area.id}`).send(area);
    },
  );

  app.get(
    '/api/v1/areas/:id',
    {
      schema: {
        operationId: 'getArea',
        summary: 'An area with its polygon',
        params: IdParams,
        querystring: CoordsOnlyQuery,
        response: { 200: Area },
      },
    },
    async (request, reply) => {
      const access = await accessFor(ctx, request, 'area:read');
      const area = await getArea(ctx, access, request.params.id, systemOf(ctx, access.caller, request.query.coords));
      setEtag(reply, area.version);
      return area;
    },
  );

  app.patch(
    '/api/v1/areas/:id',
    {
      schema: {
        operationId: 'updateArea',
        summary: 'Rename an area, change its priority or its managing org unit (polygons change through preview/apply); send If-Match',
        params: IdParams,
        querystring: CoordsOnlyQuery,
        body: UpdateAreaBody,
        response: { 200: Area },
      },
    },
    async (request, reply) => {
      const access = await accessFor(ctx, request, 'area:write');
      const coords = systemOf(ctx, access.caller, request.query.coords);
      const ifMatch = (current: number) => expectedVersion(request, current);
      const area = await updateArea(ctx, access, index, request.params.id, request.body, ifMatch, coords);
      setEtag(reply, area.version);
      return area;
    },
  );

  app.delete(
    '/api/v1/areas/:id',
    {
      schema: { operationId: 'deleteArea', summary: 'Delete an area that has no child areas and no current assignments', params: IdParams },
    },
    async (request, reply) => {
      const access = await accessFor(ctx, request, 'area:write');
      await deleteArea(ctx, access, index, request.params.id, (current) => expectedVersion(request, current));
      return reply.code(204).send();
    },
  );
}
