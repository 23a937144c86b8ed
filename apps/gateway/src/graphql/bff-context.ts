import type { CountryRegistry } from '@fieldops/countries';
import type { RpcClients } from '@fieldops/platform';
import type { MercuriusContext } from 'mercurius';
import type { Loaders } from './loaders';
import type { RestSource } from './rest-source';

/** What every resolver of one GraphQL request shares: the caller's loaders and REST access. */
export interface BffContext {
  loaders: Loaders;
  rest: RestSource;
  countries: CountryRegistry;
  /** RPC the loaders do not cover (lists by filter), made with `token`. */
  rpc: RpcClients;
  /** The caller's access token, for RPC the loaders do not cover. */
  token: string;
  /** When the request arrived, on the host's clock. */
  now: Date;
}

declare module 'mercurius' {
  // The context Mercurius hands to resolvers is the one `graphqlRoutes` builds, plus Mercurius' own fields.
  interface MercuriusContext extends BffContext {}
}

export type ResolverContext = MercuriusContext;
