import { callerOf, type ServiceApp } from '@fieldops/platform';
import { Type } from 'typebox';
import { changePassword } from '../app/change-password';
import { getMe } from '../app/get-me';
import { login } from '../app/login';
import { logout } from '../app/logout';
import { refreshSession } from '../app/refresh-session';
import { publicKeys } from '../app/token-issuer';
import type { AccountContext } from '../config';
import { Email, Me, Password, Tokens } from './schemas';

export function authRoutes(app: ServiceApp, ctx: AccountContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        operationId: 'login',
        summary: 'Log in with email and password',
        body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Tokens },
      },
    },
    async (request) => login(ctx, request.body.email, request.body.password),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { public: true },
      schema: {
        operationId: 'refreshTokens',
        summary: 'Trade a refresh token for new tokens (the old refresh token stops working)',
        body: Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Tokens },
      },
    },
    async (request) => refreshSession(ctx, request.body.refreshToken),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { public: true },
      schema: {
        operationId: 'logout',
        summary: 'End the session of a refresh token',
        body: Type.Object({ refreshToken: Type.String({ maxLength: 200 }) }),
      },
    },
    async (request, reply) => {
      await logout(ctx, request.body.refreshToken);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { operationId: 'getMe', summary: 'Who I am: user, roles, permissions, data scope', response: { 200: Me } } },
    async (request) => getMe(ctx, callerOf(request)),
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        operationId: 'changeMyPassword',
        summary: 'Change my password (ends my other sessions)',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await changePassword(ctx, callerOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.get(
    '/.well-known/jwks.json',
    { config: { public: true }, schema: { operationId: 'getJwks', summary: 'Public keys that verify access tokens' } },
    async () => ({ keys: await publicKeys(ctx) }),
  );
}
