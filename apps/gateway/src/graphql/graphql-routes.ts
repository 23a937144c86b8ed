import { AppError, bearerToken, type Host, UnauthorizedError } from '@fieldops/platform';
import type { FastifyInstance } from 'fastify';
import mercurius, { type MercuriusError } from 'mercurius';
import type { BffContext } from './bff-context';
import { costLimitRule } from './cost-limit';
import { dayResolvers } from './day-resolvers';
import { detailResolvers } from './detail-resolvers';
import { aliasLimitRule, MAX_QUERY_ALIASES, MAX_QUERY_TOKENS, queryTextProblem } from './document-limits';
import { entityResolvers } from './entity-resolvers';
import { createLoaders } from './loaders';
import { mapResolvers } from './map-resolvers';
import { RestSource } from './rest-source';
import { SCREEN_QUERIES } from './screen-queries';
import { ticketEntityResolvers, ticketResolvers } from './ticket-resolvers';
import { typeDefs } from './type-defs';

const PERSISTED_QUERIES = new Map<string, string>(Object.entries(SCREEN_QUERIES));

export const MAX_QUERY_DEPTH = 7;
export const MAX_QUERY_COST = 5000;

/**
 * `POST /graphql`: the BFF. Signed-in callers only (the edge has verified the token already); no GraphiQL, since
 * Mercurius' IDE loads its code from a CDN.
 */
export async function graphqlRoutes(app: FastifyInstance, options: { host: Host }): Promise<void> {
  const { rpc, countries, clock } = options.host.runtime;
  app.addHook('preHandler', async (request, reply) => {
    if (!bearerToken(request.headers.authorization)) throw new UnauthorizedError('Sign in first: send Authorization: Bearer <token>.');
    // Before the parser sees it: a deep enough document overflows its stack, a long enough one keeps it busy.
    const sent = request.method === 'GET' ? request.query : request.body;
    const problem = queryTextProblem((sent as { query?: unknown } | undefined)?.query);
    if (problem) return reply.code(400).send({ data: null, errors: [{ message: problem }] });
  });
  await app.register(mercurius, {
    schema: typeDefs,
    resolvers: {
      Query: { ...detailResolvers, ...ticketResolvers, ...dayResolvers, ...mapResolvers(rpc) },
      ...entityResolvers,
      ...ticketEntityResolvers,
    },
    path: '/graphql',
    graphiql: false,
    queryDepth: MAX_QUERY_DEPTH,
    graphql: { parseOptions: { maxTokens: MAX_QUERY_TOKENS } },
    validationRules: [costLimitRule(MAX_QUERY_COST), aliasLimitRule(MAX_QUERY_ALIASES)],
    // Looked up in a Map: a plain object would answer `__proto__` or `constructor` with what it inherits.
    persistedQueryProvider: {
      ...mercurius.persistedQueryDefaults.prepared({}),
      getQueryFromHash: async (hash: unknown) => (typeof hash === 'string' ? PERSISTED_QUERIES.get(hash) : undefined),
    },
    errorHandler: (error: MercuriusError, _request, reply) => {
      // The platform's own errors (401 above all) answer as problem+json, like every other route.
      if (error instanceof AppError) throw error;
      const causes = Array.isArray(error.errors) ? error.errors : [error];
      void reply.code(error.statusCode ?? 500).send({ data: null, errors: causes.map((cause) => ({ message: cause.message })) });
    },
    context: (request): BffContext => {
      const token = bearerToken(request.headers.authorization) ?? '';
      return {
        loaders: createLoaders(rpc, token),
        rest: new RestSource(app, request.headers.authorization),
        countries,
        rpc,
        token,
        now: new Date(clock.now()),
      };
    },
  });
}
