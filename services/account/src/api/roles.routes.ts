import { expectedVersion, PageOf, type ServiceApp, setEtag } from '@fieldops/platform';
import { accessFor } from '../app/access';
import { createRole } from '../app/create-role';
import { deleteRole } from '../app/delete-role';
import { getRole } from '../app/get-role';
import { listRoles } from '../app/list-roles';
import { updateRole } from '../app/update-role';
import type { AccountContext } from '../config';
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
      await accessFor(ctx, request, 'role:read');
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
      const role = await createRole(ctx, await accessFor(ctx, request, 'role:write'), request.body);
      setEtag(reply, role.version);
      return reply.code(201).header('location', `/api/v1/roles/${role.id}`).send(role);
    },
  );

  app.get(
    '/api/v1/roles/:id',
    { schema: { operationId: 'getRole', summary: 'A role', params: IdParams, response: { 200: Role } } },
    async (request, reply) => {
      await accessFor(ctx, request, 'role:read');
      const role = await getRole(ctx, request.params.id);
      setEtag(reply, role.version);
      return role;
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
      const access = await accessFor(ctx, request, 'role:write');
      const role = await updateRole(ctx, access, request.params.id, request.body, (current) => expectedVersion(request, current));
      setEtag(reply, role.version);
      return role;
    },
  );

  app.delete(
    '/api/v1/roles/:id',
    { schema: { operationId: 'deleteRole', summary: 'Delete a custom role that nobody holds', params: IdParams } },
    async (request, reply) => {
      const access = await accessFor(ctx, request, 'role:write');
      await deleteRole(ctx, access, request.params.id, (current) => expectedVersion(request, current));
      return reply.code(204).send();
    },
  );
}
