import type { CountryFlags, CountryRegistry } from '@fieldops/countries';
import type { Logger } from 'pino';
import type { ScopeResolver } from '../auth/scope-resolver';
import type { TokenRevocations } from '../auth/token-revocations';
import type { TokenVerifier } from '../auth/token-verifier';
import type { Cache } from '../cache/cache';
import type { PlatformConfig } from '../config/config';
import type { EventBus } from '../events/event-bus';
import type { FileStore } from '../files/file-store';
import type { UrlSigner } from '../files/signed-url';
import type { Metrics } from '../observability/metrics';
import type { PubSub } from '../pubsub/pub-sub';
import type { RpcClients } from '../rpc/rpc-clients';
import type { Clock } from './clock';

/** The infrastructure one process shares between the services it runs. */
export interface Runtime {
  config: PlatformConfig;
  bus: EventBus;
  cache: Cache;
  /** Live signals between replicas (in-process when embedded, Redis when `CACHE_URL` is): never the only record. */
  pubsub: PubSub;
  /** File bytes: `FILES_URL`'s driver, or a migrating store while files move to another (see docs/operations.md). */
  files: FileStore;
  /** Signs and checks the presigned URLs of stores that cannot sign their own (local disk). */
  fileUrls: UrlSigner;
  rpc: RpcClients;
  log: Logger;
  metrics: Metrics;
  clock: Clock;
  auth: TokenVerifier;
  /** The revocation list every verifier checks (shared through the cache); the account service writes it. */
  revocations: TokenRevocations;
  scopes: ScopeResolver;
  countries: CountryRegistry;
  flags: CountryFlags;
  /** An access token for the named service itself (see auth/service-identity.ts). */
  serviceTokens(service: string): Promise<string>;
}
