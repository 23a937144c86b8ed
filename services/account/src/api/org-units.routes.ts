import { accessFor, ifMatch, PageOf, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { createOrgUnit } from '../app/create-org-unit';
import { deleteOrgUnit } from '../app/delete-org-unit';
import { getOrgUnit } from '../app/get-org-unit';
import { listOrgUnits } from '../app/list-org-units';
import { callerScopes } from '../app/resolve-scope';
import { updateOrgUnit } from '../app/update-org-unit';
import type { AccountContext } from '../config';
import { AccountPermission } from '../domain/permissions';
import { CreateOrgUnitBody, IdParams, OrgUnit, OrgUnitListQuery, UpdateOrgUnitBody } from './schemas';

export function orgUnitRoutes(app: ServiceApp, ctx: AccountContext): void {
  app.get(
    '/api/v1/org-units',
    {
      schema: {
        operationId: 'listOrgUnits',
        summary: 'Org units in my data scope',
        querystring: OrgUnitListQuery,
        response: { 200: PageOf(OrgUnit) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return listOrgUnits(ctx, await accessFor(request, AccountPermission.orgRead, callerScopes(ctx)), filters, { limit, cursor });
    },
  );

  app.post(
    '/api/v1/org-units',
    {
      schema: {
        operationId: 'createOrgUnit',
        summary: 'Create an org unit (a country, a city in it, or a team)',
        body: CreateOrgUnitBody,
        response: { 201: OrgUnit },
      },
    },
    async (request, reply) => {
      const unit = await createOrgUnit(ctx, await accessFor(request, AccountPermission.orgWrite, callerScopes(ctx)), request.body);
      setEtag(reply, unit.version);
      return reply.code(201).header('location', `/api/v1/org-units/${unit.id}`).send(unit);
    },
  );

  app.get(
    '/api/v1/org-units/:id',
    { schema: { operationId: 'getOrgUnit', summary: 'An org unit', params: IdParams, response: { 200: OrgUnit } } },
    async (request, reply) => {
      return versionedWrite(
        reply,
        getOrgUnit(ctx, await accessFor(request, AccountPermission.orgRead, callerScopes(ctx)), request.params.id),
      );
    },
  );

  app.patch(
    '/api/v1/org-units/:id',
    {
      schema: {
        operationId: 'updateOrgUnit',
        summary: 'Rename an org unit or move it (with its subtree) under another parent; send If-Match',
        params: IdParams,
        body: UpdateOrgUnitBody,
        response: { 200: OrgUnit },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, AccountPermission.orgWrite, callerScopes(ctx));
      return versionedWrite(reply, updateOrgUnit(ctx, access, request.params.id, request.body, ifMatch(request)));
    },
  );

  app.delete(
    '/api/v1/org-units/:id',
    { schema: { operationId: 'deleteOrgUnit', summary: 'Delete an org unit that has no child units and no users', params: IdParams } },
    async (request, reply) => {
      const access = await accessFor(request, AccountPermission.orgWrite, callerScopes(ctx));
      await deleteOrgUnit(ctx, access, request.params.id, ifMatch(request));
      return reply.code(204).send();
    },
  );
}
