import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

/**
 * graphql-js as Mercurius loads it (CommonJS). graphql-js checks its classes with instanceof, so errors and type
 * tests made here must come from the same copy as Mercurius' schema, not from the ES module build.
 */
export const graphqlModule = createRequire(import.meta.url)('graphql') as typeof GraphQL;
