import { defineService } from '@fieldops/platform';
import { agencyRoutes } from './api/agencies.routes';
import { authRoutes } from './api/auth.routes';
import { orgUnitRoutes } from './api/org-units.routes';
import { roleRoutes } from './api/roles.routes';
import { accountRpc } from './api/rpc';
import { userRoutes } from './api/users.routes';
import { ensureBuiltInRoles } from './app/ensure-built-in-roles';
import { signingKey } from './app/token-issuer';
import { type AccountDeps, setupAccount } from './config';
import { accountSchema } from './db/migrations/001-account';
import { userAreaSchema } from './db/migrations/002-user-area';
import type { AccountDb } from './db/schema';
import { areaCoverageConsumer } from './events/handlers/area-coverage-changed.handler';
import { seedDemo } from './seed/seed-demo';

/** Accounts: people, the org tree, roles and data scopes, agencies; issues and signs the access tokens. */
export const accountService = defineService<AccountDb, AccountDeps>({
  name: 'account',
  migrations: [accountSchema, userAreaSchema],
  setup: setupAccount,
  http: {
    prefixes: [
      '/api/v1/auth',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/org-units',
      '/api/v1/roles',
      '/api/v1/agencies',
      '/.well-known/jwks.json',
    ],
    description: 'Users, org units, roles, data scopes, agencies and sessions',
    routes(app, ctx) {
      authRoutes(app, ctx);
      userRoutes(app, ctx);
      orgUnitRoutes(app, ctx);
      roleRoutes(app, ctx);
      agencyRoutes(app, ctx);
    },
  },
  rpc: accountRpc,
  consumes: [areaCoverageConsumer],
  onStart: async (ctx) => {
    await ensureBuiltInRoles(ctx);
    // Made before the first login: logins racing to make it would each sign with a key of their own.
    await signingKey(ctx);
  },
  seedDemo,
});

export type { AccountDb } from './db/schema';
export { DEMO_PASSWORD } from './seed/demo-organisation';
