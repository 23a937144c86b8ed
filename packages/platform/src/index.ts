// @fieldops/platform: infrastructure ports and drivers, the service host, HTTP/RPC/auth/observability helpers.
// No business logic lives here.

export { type Access, accessOf, type ScopeSource } from './auth/access';
export { type ScopeColumns, scopeFilter } from './auth/data-scope';
export {
  can,
  DATA_SCOPES,
  type DataScope,
  isServiceIdentity,
  type Principal,
  type ResolvedScope,
  requirePermission,
  scopeRank,
} from './auth/principal';
export type { ScopeResolver } from './auth/scope-resolver';
export { isValidServiceProof, serviceProof } from './auth/service-identity';
export { type AccessClaims, claimsOf, principalOf, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth/token-claims';
export { TokenRevocations, type TokenSession } from './auth/token-revocations';
export { bearerToken, TokenVerifier } from './auth/token-verifier';
export type { Cache } from './cache/cache';
export { cacheFromConfig, createCache, pubSubUrlFromConfig } from './cache/create-cache';
export { MemcachedCache } from './cache/memcached-cache';
export { MemoryCache } from './cache/memory-cache';
export { CACHE_MIGRATION_PHASES, type CacheMigrationPhase, MigratingCache } from './cache/migrating-cache';
export { RedisCache } from './cache/redis-cache';
export {
  ConfigError,
  databaseReplicaUrlsFor,
  databaseUrlFor,
  type Env,
  loadConfig,
  OUTBOX_RELAY_MODES,
  type OutboxRelayMode,
  type PlatformConfig,
  parseUrlSetting,
} from './config/config';
export { parseCsv } from './csv';
export { type ColumnTypes, columnTypes, type Dialect } from './db/column-types';
export { CONSISTENCY_HEADER, consistencyToken, isConsistencyToken } from './db/consistency';
export {
  type DatabaseOptions,
  dropMysqlDatabase,
  type MysqlServer,
  openDatabase,
  type ServiceDatabase,
  SQLITE_MMAP_BYTES,
} from './db/database';
export { type DeadLetter, deleteDeadLetter, listDeadLetters } from './db/dead-letters';
export { migrateToLatest, type ServiceMigration } from './db/migrations';
export { type PlatformTables, platformMigrations, platformTables } from './db/platform-tables';
export { forUpdate, insertIfAbsent, insertManyIfAbsent, isLockConflict, isUniqueViolation, updateVersioned, upsert } from './db/portable';
export { StablePlanSqliteDialect } from './db/sqlite-dialect';
export * from './errors';
export { BinlogOutboxRelay } from './events/binlog-outbox-relay';
export {
  type ConsumeResult,
  type ConsumerDefinition,
  createConsumer,
  type EventHandler,
  type EventHandlers,
  type PreparedHandler,
  type PreparedHandlers,
  uncataloguedTypes,
} from './events/consumer';
export { createEventBus } from './events/create-event-bus';
export { createOutboxRelay } from './events/create-outbox-relay';
export { buildEnvelope, type EventEnvelope, type NewEvent, typeMatches } from './events/envelope';
export { type DeliveryFence, type EventBus, LeaseLapsedError, type Subscription } from './events/event-bus';
export { LocalEventBus } from './events/local-event-bus';
export { deleteNatsStream, NatsEventBus } from './events/nats-event-bus';
export { createTransactor, type EventWriter, type TransactOptions, type Transactor } from './events/outbox';
export { OutboxRelay, type Relay } from './events/outbox-relay';
export { blobUrlSigner, createFileStore, type FileStoreOptions, fileStoreFromConfig, SIGNED_BLOB_PATH } from './files/create-file-store';
export { type DownloadHeaders, type FileStore, type PutOptions, readAll, readObject, type StoredObjectInfo } from './files/file-store';
export { LocalFileStore } from './files/local-file-store';
export { FILES_MIGRATION_PHASES, type FilesMigrationPhase, MigratingFileStore } from './files/migrating-file-store';
export { parseS3Url, S3FileStore, type S3Location } from './files/s3-file-store';
export { type SignedMethod, UrlSigner } from './files/signed-url';
export { type Clock, systemClock } from './host/clock';
export { defineService, type RunningService, type ServiceDefinition, type ServiceManifest } from './host/define-service';
export { type EdgePlugin, Host, type HostOptions } from './host/host';
export type { JobDefinition } from './host/job-runner';
export type { ProgressReporter } from './host/progress-reporter';
export type { Runtime } from './host/runtime';
export type { ServiceContext, SetupContext } from './host/service-context';
export { bearerSecurity, callerOf, type ServiceApp } from './host/service-http';
export { type ServiceTask, type ServiceTasks, type TaskRef, type TaskRefs, taskRefs } from './host/service-tasks';
export { accessFor } from './http/access';
export { CalendarDate } from './http/calendar-date';
export { etagOf, expectedVersion, ifMatch, setEtag, versionedWrite } from './http/etag';
export { purgeExpiredIdempotencyKeys } from './http/idempotency';
export {
  type CursorShape,
  decodeCursor,
  decodeIdCursor,
  encodeCursor,
  type Page,
  PageOf,
  PageQuery,
  pageQueryFields,
  toPage,
} from './http/pagination';
export { PROBLEM_CONTENT_TYPE, type Problem, toProblem } from './http/problem';
export { requestIdOf } from './http/root-app';
export { setSecurityHeaders } from './http/security-headers';
export { isSafeText, UNSAFE_TEXT_MESSAGE, unsafeTextProblems } from './http/text-safety';
export { createLogger, type Logger } from './observability/logger';
export { Metrics } from './observability/metrics';
export { createPubSub } from './pubsub/create-pub-sub';
export { MemoryPubSub } from './pubsub/memory-pub-sub';
export type { PubSub, PubSubListener } from './pubsub/pub-sub';
export { RedisPubSub } from './pubsub/redis-pub-sub';
export { rpcAccess, rpcAuthInterceptor, rpcCaller, rpcServiceCaller } from './rpc/rpc-caller';
export { asCaller, RpcClients, rpcOwner } from './rpc/rpc-clients';
export { isServiceUnreachable } from './rpc/transient-failure';
