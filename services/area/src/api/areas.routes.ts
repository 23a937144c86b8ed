import { clientSystem } from '@fieldops/geo';
import { accessFor, ifMatch, PageOf, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import type { AreaIndexHolder } from '../app/area-index-holder';
import { areaVisibility } from '../app/area-visibility';
import { createArea } from '../app/create-area';
import { deleteArea } from '../app/delete-area';
import { geometryFromRequest } from '../app/geometry-input';
import { getArea } from '../app/get-area';
import { listAreas } from '../app/list-areas';
import { updateArea } from '../app/update-area';
import type { AreaContext } from '../config';
import { AreaPermission } from '../domain/permissions';
import { Area, AreaListQuery, CoordsOnlyQuery, CreateAreaBody, IdParams, UpdateAreaBody } from './schemas';

export function areaRoutes(app: ServiceApp, ctx: AreaContext, index: AreaIndexHolder): void {
  app.get(
    '/api/v1/areas',
    {
      schema: { operationId: 'listAreas', summary: 'Areas in my territories', querystring: AreaListQuery, response: { 200: PageOf(Area) } },
    },
    async (request) => {
      const access = await accessFor(request, AreaPermission.read, areaVisibility(ctx));
      return listAreas(ctx, access, request.query, clientSystem(ctx.countries, access.caller, request.query.coords));
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
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      const coords = clientSystem(ctx.countries, access.caller, request.query.coords);
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
      const access = await accessFor(request, AreaPermission.read, areaVisibility(ctx));
      return versionedWrite(
        reply,
        getArea(ctx, access, request.params.id, clientSystem(ctx.countries, access.caller, request.query.coords)),
      );
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
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      const coords = clientSystem(ctx.countries, access.caller, request.query.coords);
      return versionedWrite(reply, updateArea(ctx, access, index, request.params.id, request.body, ifMatch(request), coords));
    },
  );

  app.delete(
    '/api/v1/areas/:id',
    {
      schema: { operationId: 'deleteArea', summary: 'Delete an area that has no child areas and no current assignments', params: IdParams },
    },
    async (request, reply) => {
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      await deleteArea(ctx, access, index, request.params.id, ifMatch(request));
      return reply.code(204).send();
    },
  );
}
