import { expectedVersion, PageOf, type ServiceApp, setEtag } from '@fieldops/platform';
import { accessFor } from '../app/access';
import { createUser } from '../app/create-user';
import { getUser } from '../app/get-user';
import { listUsers } from '../app/list-users';
import { updateUser } from '../app/update-user';
import type { AccountContext } from '../config';
import { CreateUserBody, IdParams, UpdateUserBody, User, UserListQuery } from './schemas';

export function userRoutes(app: ServiceApp, ctx: AccountContext): void {
  app.get(
    '/api/v1/users',
    {
      schema: { operationId: 'listUsers', summary: 'Users in my data scope', querystring: UserListQuery, response: { 200: PageOf(User) } },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return listUsers(ctx, await accessFor(ctx, request, 'user:read'), filters, { limit, cursor });
    },
  );

  app.post(
    '/api/v1/users',
    { schema: { operationId: 'createUser', summary: 'Create a user', body: CreateUserBody, response: { 201: User } } },
    async (request, reply) => {
      const user = await createUser(ctx, await accessFor(ctx, request, 'user:write'), request.body);
      setEtag(reply, user.version);
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(user);
    },
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { operationId: 'getUser', summary: 'A user', params: IdParams, response: { 200: User } } },
    async (request, reply) => {
      const user = await getUser(ctx, await accessFor(ctx, request, 'user:read'), request.params.id);
      setEtag(reply, user.version);
      return user;
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        summary: 'Change a user (send If-Match with the ETag you read to avoid overwriting a concurrent change)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    async (request, reply) => {
      const access = await accessFor(ctx, request, 'user:write');
      const user = await updateUser(ctx, access, request.params.id, request.body, (current) => expectedVersion(request, current));
      setEtag(reply, user.version);
      return user;
    },
  );
}
