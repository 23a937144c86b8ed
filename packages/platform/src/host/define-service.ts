import type { ConnectRouter } from '@connectrpc/connect';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { databaseReplicaUrlsFor, databaseUrlFor } from '../config/config';
import { inConsistencyScope, noteWrite } from '../db/consistency';
import { type DatabaseOptions, openDatabase } from '../db/database';
import { migrateToLatest, type ServiceMigration } from '../db/migrations';
import { type PlatformTables, platformMigrations, platformTables } from '../db/platform-tables';
import { type ConsumeResult, type ConsumerDefinition, consumedTypes, createConsumer, uncataloguedTypes } from '../events/consumer';
import { createOutboxRelay } from '../events/create-outbox-relay';
import type { EventEnvelope } from '../events/envelope';
import { createTransactor } from '../events/outbox';
import type { Relay } from '../events/outbox-relay';
import { IDEMPOTENCY_PURGE_EVERY_MS, purgeExpiredIdempotencyKeys } from '../http/idempotency';
import { currentTraceparent } from '../observability/telemetry';
import { asCaller } from '../rpc/rpc-clients';
import { type JobDefinition, JobRunner } from './job-runner';
import type { ProgressReporter } from './progress-reporter';
import type { Runtime } from './runtime';
import type { ServiceContext, SetupContext } from './service-context';
import { mountServiceHttp, type ServiceApp } from './service-http';
import { runServiceTask, type ServiceTasks } from './service-tasks';

/**
 * A service manifest: everything the host needs to run the service, and nothing else. `Deps` is what `setup`
 * builds once per start; every other part receives it, typed, as `ctx.deps`.
 */
export interface ServiceManifest<DB, Deps = undefined> {
  name: string;
  migrations: ServiceMigration[];
  /** Runs once per start after migrations and before everything else; what it answers becomes `ctx.deps`. */
  setup?(ctx: SetupContext<DB>): Deps | Promise<Deps>;
  http?: {
    /** Path prefixes under `/api/v1` this service answers; the gateway routes them here. */
    prefixes: string[];
    /** OpenAPI tag and description of the service's routes. */
    description?: string;
    routes(app: ServiceApp, ctx: ServiceContext<DB, Deps>): void | Promise<void>;
  };
  rpc?(router: ConnectRouter, ctx: ServiceContext<DB, Deps>): void;
  consumes?: ConsumerDefinition<DB, Deps>[];
  jobs?: JobDefinition<DB, Deps>[];
  /** Runs once per start after `setup`, before requests: reference data that must follow the code. */
  onStart?(ctx: ServiceContext<DB, Deps>): Promise<void>;
  /** Demo data for a first embedded start (or `fieldops seed --demo`); must be idempotent. */
  seedDemo?(ctx: ServiceContext<DB, Deps>, progress: ProgressReporter): Promise<{ summary: string } | undefined>;
  /** One-off commands the CLI runs with this context (`fieldops leads import`…); see `service-tasks.ts`. */
  tasks?: ServiceTasks<DB, Deps>;
}

/** A started service as the host sees it: its generic database type is closed over. */
export interface RunningService {
  name: string;
  prefixes: string[];
  mountHttp(root: FastifyInstance, options: { openapiRoute: boolean }): Promise<void>;
  openapi(): Record<string, unknown> | undefined;
  rpcRoutes: ((router: ConnectRouter) => void) | undefined;
  subscribe(): Promise<void>;
  startBackground(): void;
  seedDemo(progress: ProgressReporter): Promise<{ summary: string } | undefined>;
  runTask(task: string, args: unknown, progress: ProgressReporter): Promise<unknown>;
  /** The service's database seen through the platform's tables (outbox, inbox, dead letters…), for tools and tests. */
  db: Kysely<PlatformTables>;
  /** Applies a dead-lettered event again through its consumer. */
  replayDeadLetter(event: EventEnvelope, consumer: string): Promise<ConsumeResult>;
  ready(): Promise<boolean>;
  relay: Relay;
  /** Stops background work; the relay drains what was committed. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceDefinition {
  name: string;
  prefixes: string[];
  start(runtime: Runtime, options?: { migrate?: boolean }): Promise<RunningService>;
  /** Applies pending migrations and closes; for `fieldops migrate`. */
  migrate(runtime: Pick<Runtime, 'config'>): Promise<string[]>;
  /** Each consumer's name (as its inbox rows carry it) and the event types it applies: for audits of delivery. */
  consumers: { name: string; types: string[] }[];
}

export function defineService<DB, Deps = undefined>(manifest: ServiceManifest<DB, Deps>): ServiceDefinition {
  const { name } = manifest;
  for (const consumer of manifest.consumes ?? []) {
    const unknown = uncataloguedTypes(consumer);
    if (unknown.length > 0) {
      throw new Error(`consumer "${consumer.name}" of service ${name} handles ${unknown.join(', ')}: not in the event catalogue`);
    }
  }
  const migrationLists = [
    { table: 'platform_migration', migrations: platformMigrations },
    { table: 'service_migration', migrations: manifest.migrations },
  ];
  const open = (runtime: Pick<Runtime, 'config'>, replicas?: DatabaseOptions['replicas']) =>
    openDatabase<DB>(databaseUrlFor(runtime.config, name), name, {
      setting: runtime.config.env[`${name.toUpperCase()}_DATABASE_URL`] ? `${name.toUpperCase()}_DATABASE_URL` : 'DATABASE_URL',
      replicas,
    });

  return {
    name,
    prefixes: manifest.http?.prefixes ?? [],
    consumers: (manifest.consumes ?? []).map((consumer) => ({ name: consumer.name, types: consumedTypes(consumer) })),
    async migrate(runtime) {
      const database = await open(runtime);
      try {
        return await migrateToLatest(database.db as Kysely<unknown>, database.dialect, migrationLists);
      } finally {
        await database.close();
      }
    },
    async start(runtime, options = {}) {
      const log = runtime.log.child({ service: name });
      const replicaUrls = databaseReplicaUrlsFor(runtime.config, name);
      const database = await open(runtime, {
        urls: replicaUrls,
        settings: runtime.config.replicaReads,
        log,
        metrics: runtime.metrics,
      });
      if (options.migrate !== false) await migrateToLatest(database.db as Kysely<unknown>, database.dialect, migrationLists);
      const platformDb = platformTables(database.db);
      const relay = createOutboxRelay(
        runtime.config.outboxRelay,
        {
          service: name,
          db: platformDb,
          dialect: database.dialect,
          bus: runtime.bus,
          log,
          metrics: runtime.metrics,
          now: () => runtime.clock.now(),
        },
        database,
      );
      const commitHooks: (() => void | Promise<void>)[] = [];
      const setupCtx: SetupContext<DB> = {
        ...runtime,
        name,
        db: database.db,
        dialect: database.dialect,
        reads: () => database.reads(),
        log,
        asService: async () => asCaller(await runtime.serviceTokens(name)),
        transact: createTransactor(
          database.db,
          name,
          () => runtime.clock.now(),
          currentTraceparent,
          () => relay.wake(),
          {
            groupCommit: database.dialect === 'sqlite',
            onEffectError: (error) => log.warn({ err: error }, 'an after-commit effect failed; what was committed stands'),
            afterCommit: replicaUrls.length > 0 ? () => notePrimaryPosition(database.db) : undefined,
            beforeCommit: async () => {
              for (const hook of commitHooks) await hook();
            },
          },
        ),
        beforeEachCommit: (hook) => {
          commitHooks.push(hook);
        },
      };
      // Without `setup`, Deps is its default `undefined`: the manifest's type says so, the compiler cannot.
      const deps = (manifest.setup ? await manifest.setup(setupCtx) : undefined) as Deps;
      const ctx: ServiceContext<DB, Deps> = { ...setupCtx, deps };
      await manifest.onStart?.(ctx);
      const consumers = (manifest.consumes ?? []).map((definition) =>
        createConsumer({
          definition,
          ctx,
          db: database.db,
          dialect: database.dialect,
          transact: ctx.transact,
          log,
          metrics: runtime.metrics,
          now: () => runtime.clock.now(),
        }),
      );
      // A service that serves HTTP keeps its Idempotency-Keys for a day, and its own job deletes them after.
      const purgeKeys: JobDefinition<DB, Deps> = {
        name: 'idempotency-keys',
        everyMs: IDEMPOTENCY_PURGE_EVERY_MS,
        run: async () => {
          await purgeExpiredIdempotencyKeys(platformDb, runtime.clock.now());
        },
      };
      const jobs = new JobRunner(ctx, platformDb, [...(manifest.http ? [purgeKeys] : []), ...(manifest.jobs ?? [])]);
      let openapi: (() => Record<string, unknown>) | undefined;

      return {
        name,
        prefixes: manifest.http?.prefixes ?? [],
        async mountHttp(root, mountOptions) {
          const { http } = manifest;
          if (!http) return;
          openapi = await mountServiceHttp(root, ctx, platformDb, {
            description: http.description,
            openapiRoute: mountOptions.openapiRoute,
            routes: (app) => http.routes(app, ctx),
          });
        },
        openapi: () => openapi?.(),
        rpcRoutes: manifest.rpc ? (router) => manifest.rpc?.(router, ctx) : undefined,
        async subscribe() {
          for (const consumer of consumers) await runtime.bus.subscribe(consumer);
        },
        startBackground() {
          relay.start();
          jobs.start();
        },
        seedDemo: (progress) => manifest.seedDemo?.(ctx, progress) ?? Promise.resolve(undefined),
        runTask: (task, args, progress) => runServiceTask(name, manifest.tasks, ctx, task, args, progress),
        db: platformDb,
        async replayDeadLetter(event, consumerName) {
          const consumer = consumers.find((c) => c.consumer === consumerName);
          if (!consumer) throw new Error(`service ${name} has no consumer "${consumerName}"`);
          return consumer.apply(event);
        },
        async ready() {
          try {
            await platformDb.selectFrom('lease').select('name').limit(1).execute();
            return true;
          } catch {
            return false;
          }
        },
        relay,
        async stop() {
          await jobs.stop();
          await relay.stop();
        },
        close: () => database.close(),
      };
    },
  };
}

/**
 * After a commit in a request, the primary's binlog position covers that write (and perhaps later ones, which only
 * makes a replica wait a little longer): the token a replica read must wait for.
 */
async function notePrimaryPosition<DB>(db: Kysely<DB>): Promise<void> {
  if (!inConsistencyScope()) return;
  const result = await sql<{ position: string }>`SELECT @@gtid_binlog_pos AS position`.execute(db);
  const position = result.rows[0]?.position;
  if (position) noteWrite(position);
}
