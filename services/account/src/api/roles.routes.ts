import { accessFor, ifMatch, PageOf, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { createRole } from '../app/create-role';
import { deleteRole } from '../app/delete-role';
import { getRole } from '../app/get-role';
import { listRoles } from '../app/list-roles';
import { callerScopes } from '../app/resolve-scope';
import { updateRole } from '../app/update-role';
import type { AccountContext } from '../config';
import { AccountPermission } from '../domain/permissions';
import { CreateRoleBody, IdParams, Role, RoleListQuery, UpdateRoleBody } from './schemas';

export function roleRoutes(app: ServiceApp, ctx: AccountContext): void {
  app.get(
    '/api/v1/roles',
    {
      schema: {
        operationId: 'listRoles',
        summary: 'Roles: sets of permissions with a data scope',
        querystring: RoleListQuery,
        response: { 200: PageOf(Role) },
      },
    },
    async (request) => {
      await accessFor(request, AccountPermission.roleRead, callerScopes(ctx));
      return listRoles(ctx, request.query);
    },
  );

  app.post(
    '/api/v1/roles',
    {
      schema: {
        operationId: 'createRole',
        summary: 'Create a role (granting no more than you hold)',
        body: CreateRoleBody,
        response: { 201: Role },
      },
    },
    async (request, reply) => {
      const role = await createRole(ctx, await accessFor(request, AccountPermission.roleWrite, callerScopes(ctx)), request.body);
      setEtag(reply, role.version);
      return reply.code(201).header('location', `/api/v1/roles/${role.id}`).send(role);
    },
  );

  app.get(
    '/api/v1/roles/:id',
    { schema: { operationId: 'getRole', summary: 'A role', params: IdParams, response: { 200: Role } } },
    async (request, reply) => {
      await accessFor(request, AccountPermission.roleRead, callerScopes(ctx));
      return versionedWrite(reply, getRole(ctx, request.params.id));
    },
  );

  app.patch(
    '/api/v1/roles/:id',
    {
      schema: {
        operationId: 'updateRole',
        summary: 'Change a custom role (built-in roles cannot be changed); send If-Match',
        params: IdParams,
        body: UpdateRoleBody,
        response: { 200: Role },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, AccountPermission.roleWrite, callerScopes(ctx));
      return versionedWrite(reply, updateRole(ctx, access, request.params.id, request.body, ifMatch(request)));
    },
  );

  app.delete(
    '/api/v1/roles/:id',
    { schema: { operationId: 'deleteRole', summary: 'Delete a custom role that nobody holds', params: IdParams } },
    async (request, reply) => {
      const access = await accessFor(request, AccountPermission.roleWrite, callerScopes(ctx));
      await deleteRole(ctx, access, request.params.id, ifMatch(request));
      return reply.code(204).send();
    },
  );
}
