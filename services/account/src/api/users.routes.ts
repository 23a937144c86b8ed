import { accessFor, ifMatch, PageOf, type ServiceApp, setEtag, versionedWrite } from '@fieldops/platform';
import { createUser } from '../app/create-user';
import { getUser } from '../app/get-user';
import { listUsers } from '../app/list-users';
import { resetPassword } from '../app/reset-password';
import { callerScopes } from '../app/resolve-scope';
import { updateUser } from '../app/update-user';
import type { AccountContext } from '../config';
import { AccountPermission } from '../domain/permissions';
import { CreateUserBody, IdParams, ResetPasswordBody, UpdateUserBody, User, UserListQuery } from './schemas';

export function userRoutes(app: ServiceApp, ctx: AccountContext): void {
  app.get(
    '/api/v1/users',
    {
      schema: { operationId: 'listUsers', summary: 'Users in my data scope', querystring: UserListQuery, response: { 200: PageOf(User) } },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return listUsers(ctx, await accessFor(request, AccountPermission.userRead, callerScopes(ctx)), filters, { limit, cursor });
    },
  );

  app.post(
    '/api/v1/users',
    { schema: { operationId: 'createUser', summary: 'Create a user', body: CreateUserBody, response: { 201: User } } },
    async (request, reply) => {
      const user = await createUser(ctx, await accessFor(request, AccountPermission.userWrite, callerScopes(ctx)), request.body);
      setEtag(reply, user.version);
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(user);
    },
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { operationId: 'getUser', summary: 'A user', params: IdParams, response: { 200: User } } },
    async (request, reply) => {
      return versionedWrite(
        reply,
        getUser(ctx, await accessFor(request, AccountPermission.userRead, callerScopes(ctx)), request.params.id),
      );
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
      const access = await accessFor(request, AccountPermission.userWrite, callerScopes(ctx));
      return versionedWrite(reply, updateUser(ctx, access, request.params.id, request.body, ifMatch(request)));
    },
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        operationId: 'resetUserPassword',
        summary: "Set a new password for a user I manage (not myself); ends all of that user's sessions",
        params: IdParams,
        body: ResetPasswordBody,
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, AccountPermission.userWrite, callerScopes(ctx));
      await resetPassword(ctx, access, request.params.id, request.body.newPassword);
      return reply.code(204).send();
    },
  );
}
