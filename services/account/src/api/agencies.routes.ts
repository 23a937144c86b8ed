import { accessFor, ifMatch, PageOf, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { createAgency } from '../app/create-agency';
import { getAgency } from '../app/get-agency';
import { listAgencies } from '../app/list-agencies';
import { callerScopes } from '../app/resolve-scope';
import { updateAgency } from '../app/update-agency';
import type { AccountContext } from '../config';
import { AccountPermission } from '../domain/permissions';
import { Agency, AgencyListQuery, CreateAgencyBody, IdParams, UpdateAgencyBody } from './schemas';

export function agencyRoutes(app: ServiceApp, ctx: AccountContext): void {
  app.get(
    '/api/v1/agencies',
    {
      schema: {
        operationId: 'listAgencies',
        summary: 'External service providers I can see',
        querystring: AgencyListQuery,
        response: { 200: PageOf(Agency) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return listAgencies(ctx, await accessFor(request, AccountPermission.agencyRead, callerScopes(ctx)), filters, { limit, cursor });
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      schema: {
        operationId: 'createAgency',
        summary: 'Sign up an agency in a country I manage',
        body: CreateAgencyBody,
        response: { 201: Agency },
      },
    },
    async (request, reply) => {
      const agency = await createAgency(ctx, await accessFor(request, AccountPermission.agencyWrite, callerScopes(ctx)), request.body);
      setEtag(reply, agency.version);
      return reply.code(201).header('location', `/api/v1/agencies/${agency.id}`).send(agency);
    },
  );

  app.get(
    '/api/v1/agencies/:id',
    { schema: { operationId: 'getAgency', summary: 'An agency', params: IdParams, response: { 200: Agency } } },
    async (request, reply) => {
      return versionedWrite(
        reply,
        getAgency(ctx, await accessFor(request, AccountPermission.agencyRead, callerScopes(ctx)), request.params.id),
      );
    },
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      schema: {
        operationId: 'updateAgency',
        summary: 'Rename or (de)activate an agency; send If-Match',
        params: IdParams,
        body: UpdateAgencyBody,
        response: { 200: Agency },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, AccountPermission.agencyWrite, callerScopes(ctx));
      return versionedWrite(reply, updateAgency(ctx, access, request.params.id, request.body, ifMatch(request)));
    },
  );
}
