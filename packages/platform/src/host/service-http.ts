import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import { bearerToken } from '../auth/token-verifier';
import { CONSISTENCY_HEADER, type ConsistencyScope, consistencyScope, runInConsistencyScope } from '../db/consistency';
import type { PlatformTables } from '../db/platform-tables';
import { UnauthorizedError } from '../errors';
import { registerIdempotency } from '../http/idempotency';
import { withOpenApiConventions } from '../http/openapi-conventions';
import type { SetupContext } from './service-context';

/** The Fastify instance a service registers its routes on: TypeBox schemas type requests and replies. */
export type ServiceApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    consistency?: ConsistencyScope;
  }
  interface FastifyContextConfig {
    /** A route anyone may call (login, token refresh); every other route needs a valid access token. */
    public?: boolean;
    /** The route checks a bearer token of its own (not an access token): the edge leaves it to the route. */
    ownBearer?: boolean;
    /** The service that answers the route, for metrics and logs. */
    service?: string;
  }
}

/** The verified caller of a route; only public routes can have none. */
export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}

export const bearerSecurity = { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } as const;

/**
 * Mounts one service's routes in their own encapsulated context: the service verifies every access token
 * itself, owns its idempotency keys and documents its routes in its own OpenAPI document (which the gateway
 * merges). Answers a function that builds that document.
 */
export async function mountServiceHttp<DB>(
  root: FastifyInstance,
  ctx: SetupContext<DB>,
  platformDb: Kysely<PlatformTables>,
  options: { description: string | undefined; openapiRoute: boolean; routes(app: ServiceApp): void | Promise<void> },
): Promise<() => Record<string, unknown>> {
  let document: (() => Record<string, unknown>) | undefined;
  await root.register(async (instance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: `FieldOps ${ctx.name} service`, version: '1.0.0' },
        tags: [{ name: ctx.name, description: options.description ?? `The ${ctx.name} service` }],
        components: { securitySchemes: bearerSecurity },
        security: [{ bearerAuth: [] }],
      },
      transformObject: (document) =>
        'openapiObject' in document ? withOpenApiConventions(document.openapiObject) : document.swaggerObject,
    });
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), service: ctx.name };
      route.schema = { tags: [ctx.name], ...(route.schema ?? {}), ...(route.config.public ? { security: [] } : {}) };
    });
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public) return;
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new UnauthorizedError('Send an access token: Authorization: Bearer <token>.');
      request.principal = await ctx.auth.verify(token);
    });
    // After the body is parsed (parsing runs outside the request's async scope), so the handler runs inside it.
    app.addHook('preValidation', (request, _reply, done) => {
      const scope = consistencyScope(request.headers[CONSISTENCY_HEADER]);
      request.consistency = scope;
      runInConsistencyScope(scope, done);
    });
    app.addHook('onSend', async (request, reply) => {
      const token = request.consistency?.token;
      if (token !== undefined) reply.header(CONSISTENCY_HEADER, token);
    });
    registerIdempotency(app, platformDb, ctx.dialect, () => ctx.clock.now(), ctx.name);
    await options.routes(app);
    if (options.openapiRoute) {
      // Per-service path: several services can share a process; the gateway fetches these when they run elsewhere.
      app.get(`/openapi/${ctx.name}.json`, { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
    }
    document = () => app.swagger() as unknown as Record<string, unknown>;
  });
  return () => {
    if (!document) throw new Error(`the ${ctx.name} service's routes are not ready`);
    return document();
  };
}
