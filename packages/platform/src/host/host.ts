import type http2 from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { AccountService } from '@fieldops/contracts';
import { createFlags, getDefaultCountryRegistry } from '@fieldops/countries';
import type { FastifyInstance } from 'fastify';
import type { JWK } from 'jose';
import type { Logger } from 'pino';
import { createScopeResolver } from '../auth/scope-resolver';
import { createServiceTokens } from '../auth/service-identity';
import { TokenRevocations } from '../auth/token-revocations';
import { TokenVerifier } from '../auth/token-verifier';
import { cacheFromConfig, pubSubUrlFromConfig } from '../cache/create-cache';
import type { PlatformConfig } from '../config/config';
import { createEventBus } from '../events/create-event-bus';
import { blobUrlSigner, fileStoreFromConfig } from '../files/create-file-store';
import { createRootApp } from '../http/root-app';
import { createLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { checkMetricsAccess } from '../observability/metrics-access';
import { startTelemetry, stopTelemetry } from '../observability/telemetry';
import { createPubSub } from '../pubsub/create-pub-sub';
import { acceptHttp2On } from '../rpc/dual-protocol';
import { rpcAuthInterceptor } from '../rpc/rpc-caller';
import { RpcClients } from '../rpc/rpc-clients';
import { rpcMetricsInterceptor } from '../rpc/rpc-metrics';
import { rpcTransientInterceptor } from '../rpc/transient-failure';
import { type Clock, systemClock } from './clock';
import type { RunningService, ServiceDefinition } from './define-service';
import type { ProgressReporter } from './progress-reporter';
import type { Runtime } from './runtime';
import type { TaskRef } from './service-tasks';

/** Something mounted at the edge of the process, in front of the services: the gateway. */
export interface EdgePlugin {
  name: string;
  register(app: FastifyInstance, host: Host): Promise<void>;
}

export interface HostOptions {
  config: PlatformConfig;
  services: ServiceDefinition[];
  edge?: EdgePlugin;
  log?: Logger;
  clock?: Clock;
  /** Listen on `config.port` (0 picks a free port). */
  listen?: boolean;
  /**
   * How long a stop keeps the connections open before closing them (default 2 s, less when every one closed sooner):
   * requests already on their way to this process, in a balancer or in a kept-alive connection, are still served.
   */
  shutdownLingerMs?: number;
  /**
   * How long a stop lets the relays go on publishing what was committed (default 5 s): on the network bus, other
   * processes get it now rather than at this one's next start. A test host, whose data goes with it, sets 0.
   */
  shutdownDrainMs?: number;
  /**
   * Subscribe consumers and start relays and jobs (default). Tools that only read (`fieldops dlq list`) turn it
   * off so that they never publish or consume.
   */
  background?: boolean;
}

const silentProgress: ProgressReporter = { start() {}, tick() {}, stop() {} };

const SHUTDOWN_LINGER_MS = 2_000;
/** How long requests in flight may finish at stop; a client that never reads its answer must not hold it forever. */
const SHUTDOWN_GRACE_MS = 15_000;
/** How long the relays may go on publishing at stop; what is left stays in the outbox for the next relay. */
const SHUTDOWN_DRAIN_MS = 5_000;
/** The budget of every other step of a stop. */
const SHUTDOWN_STEP_MS = 10_000;

/**
 * Runs a set of services in this process: all of them (embedded) or one (distributed). The services' code path is
 * the same either way; only the drivers behind the ports (chosen by configuration) and the RPC transports differ.
 */
export class Host {
  private h2Sessions = new Set<http2.ServerHttp2Session>();
  /** Set once the close began: from then on every HTTP/2 session is closed as soon as it opens. */
  private h2Closing = false;
  private readonly connections = new Set<Socket>();
  private readonly readinessChecks = new Map<string, { check: () => Promise<boolean>; critical: boolean }>();
  private stopped = false;

  private constructor(
    readonly runtime: Runtime,
    readonly services: RunningService[],
    readonly app: FastifyInstance,
    private readonly background: boolean,
    private readonly shutdown: { lingerMs: number; drainMs: number },
  ) {}

  /** Whether the stop began: answers from then on close their connection. */
  get stopping(): boolean {
    return this.stopped;
  }

  get url(): string {
    const address = this.app.server.address() as AddressInfo | null;
    return address ? `http://127.0.0.1:${address.port}` : '';
  }

  service(name: string): RunningService | undefined {
    return this.services.find((s) => s.name === name);
  }

  static async start(options: HostOptions): Promise<Host> {
    const { config } = options;
    const log = options.log ?? createLogger(config.logLevel);
    const names = options.services.map((s) => s.name).join(', ') || 'none';
    await startTelemetry(config.env, options.edge ? `fieldops-${options.edge.name}` : `fieldops-${names}`, log);
    const metrics = new Metrics();
    const bus = await createEventBus(config.busUrl);
    const cache = await cacheFromConfig(config);
    const pubsub = await createPubSub(pubSubUrlFromConfig(config));
    const clock = options.clock ?? systemClock;
    const fileUrls = blobUrlSigner(config, () => clock.now());
    const loadKeys = async (): Promise<JWK[]> => {
      const { keys } = await rpc.client(AccountService).getJwks({});
      return keys.map((k) => ({ kid: k.kid, kty: k.kty, crv: k.crv, x: k.x, alg: k.alg, use: k.use }));
    };
    const revocations = new TokenRevocations(cache);
    const auth = new TokenVerifier(loadKeys, revocations);
    const rpcAuth = rpcAuthInterceptor(auth);
    const rpcTransient = rpcTransientInterceptor();
    const rpc = new RpcClients(config.serviceUrls, config.rpcTimeoutMs, [rpcTransient, rpcAuth]);
    const runtime: Runtime = {
      config,
      bus,
      cache,
      pubsub,
      files: fileStoreFromConfig(config, fileUrls),
      fileUrls,
      rpc,
      log,
      metrics,
      clock,
      auth,
      revocations,
      scopes: createScopeResolver(rpc, cache),
      countries: getDefaultCountryRegistry(),
      flags: await createFlags({ env: config.env }),
      serviceTokens: createServiceTokens(rpc, config.internalSecret, () => clock.now()),
    };
    if (bus.kind === 'local' && Object.keys(config.serviceUrls).length > 0) {
      log.warn('BUS_URL is local: but other services run elsewhere: events will not reach them; set BUS_URL=nats://…');
    }

    const services: RunningService[] = [];
    for (const definition of options.services) {
      const service = await definition.start(runtime);
      services.push(service);
      if (service.rpcRoutes) rpc.mount(service.name, service.rpcRoutes);
    }

    let h2Handler: ((req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void) | undefined;
    const rpcRoutes = services.flatMap((s) => (s.rpcRoutes ? [s.rpcRoutes] : []));
    if (rpcRoutes.length > 0) {
      const adapter = connectNodeAdapter({
        interceptors: [rpcMetricsInterceptor(metrics), rpcTransient, rpcAuth],
        routes: (router) => {
          for (const routes of rpcRoutes) routes(router);
        },
      });
      h2Handler = (req, res) => adapter(req, res);
    }
    const app = createRootApp(log, metrics, { trustProxy: config.trustProxy });
    const host = new Host(runtime, services, app, options.background !== false, {
      lingerMs: options.shutdownLingerMs ?? SHUTDOWN_LINGER_MS,
      drainMs: options.shutdownDrainMs ?? SHUTDOWN_DRAIN_MS,
    });
    app.server.on('connection', (socket: Socket) => {
      host.connections.add(socket);
      socket.once('close', () => host.connections.delete(socket));
    });
    // From the stop on, every answer closes its connection: the client's next request opens a new one, which a
    // balancer sends to another replica.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (host.stopped) reply.header('connection', 'close');
      return payload;
    });
    // preClose: Fastify's own close waits for every socket, so gRPC sessions from other services must go first.
    app.addHook('preClose', async () => {
      host.h2Closing = true;
      for (const session of host.h2Sessions) session.close();
    });
    // Fastify owns the HTTP/1.1 server; gRPC from other services arrives on the same port as cleartext HTTP/2.
    if (h2Handler) {
      const h2 = acceptHttp2On(app.server, h2Handler);
      h2.on('session', (session) => {
        host.h2Sessions.add(session);
        session.once('close', () => host.h2Sessions.delete(session));
        // A connection accepted as the close began (it crossed the listener closing): its calls are answered and the
        // session ends after them, instead of holding the close until its grace runs out.
        if (host.h2Closing) session.close();
      });
    }
    host.registerProbes();
    // The edge first: its root hooks (token check, rate limits) then run before any service's own hooks.
    if (options.edge) await options.edge.register(app, host);
    for (const service of services) await service.mountHttp(app, { openapiRoute: true });
    await app.ready();

    const background = options.background !== false;
    if (background) for (const service of services) await service.subscribe();
    if (options.listen !== false) await app.listen({ port: config.port, host: config.host });
    if (background) for (const service of services) service.startBackground();
    log.info({ services: names, edge: options.edge?.name, url: host.url }, 'FieldOps is up');
    return host;
  }

  private registerProbes(): void {
    const { app, runtime } = this;
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      const checks: Record<string, boolean> = {
        bus: await runtime.bus.ping(),
        cache: await runtime.cache.ping(),
        pubsub: await runtime.pubsub.ping(),
      };
      for (const service of this.services) checks[`db:${service.name}`] = await service.ready();
      const critical = Object.values(checks);
      for (const [name, entry] of this.readinessChecks) {
        checks[name] = await entry.check().catch(() => false);
        if (entry.critical) critical.push(checks[name]);
      }
      const ready = !this.stopped && critical.every(Boolean);
      runtime.metrics.ready.set(ready ? 1 : 0);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    });
    app.get('/metrics', { schema: { hide: true }, config: { ownBearer: true } }, async (request, reply) => {
      checkMetricsAccess(request, runtime.config.metricsToken);
      return reply.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics());
    });
  }

  /**
   * Adds a check to `/readyz`. A non-critical one is reported but does not make the process unready: the gateway
   * reports each service it forwards to, yet one service down must not take every gateway out of the balancer.
   */
  addReadinessCheck(name: string, check: () => Promise<boolean>, options: { critical?: boolean } = {}): void {
    this.readinessChecks.set(name, { check, critical: options.critical ?? true });
  }

  /** Runs each service's demo seed (idempotent), reporting progress. */
  async seedDemo(progress: ProgressReporter = silentProgress): Promise<string[]> {
    const summaries: string[] = [];
    for (const service of this.services) {
      const result = await service.seedDemo(progress);
      if (result) summaries.push(result.summary);
    }
    return summaries;
  }

  /** Runs one service's task (an import, a rebuild…) with that service's context, reporting progress. */
  async runTask<Args, Result>(task: TaskRef<Args, Result>, args: Args, progress: ProgressReporter = silentProgress): Promise<Result> {
    const service = this.service(task.service);
    if (!service) throw new Error(`service ${task.service} is not running in this process`);
    return (await service.runTask(task.task, args, progress)) as Result;
  }

  /**
   * Graceful shutdown: stop taking requests and finish those in flight, stop jobs, let the relays publish what
   * was committed for a few seconds, then close the bus, cache and databases. Each step has a budget: one that
   * overruns it (a job or consumer stuck on a lock, a broker that does not answer) is logged by name and left
   * behind, because a stop must end — what was not done is still in the outbox or on the broker for the next start.
   */
  /**
   * Serves on for a moment before closing: a request a client sent on a kept-alive connection just before the stop
   * (still in a balancer, or unread in the socket) would otherwise meet a closed connection, and one that is not safe
   * to repeat (a PATCH) could not be sent again. Ends early once every connection is closed.
   */
  private async linger(): Promise<void> {
    const until = Date.now() + this.shutdown.lingerMs;
    while (this.connections.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const { log, bus, cache, pubsub, files } = this.runtime;
    const step = async (name: string, budgetMs: number, work: () => Promise<unknown>) => {
      let timer: NodeJS.Timeout | undefined;
      const overrun = new Promise<'overrun'>((resolve) => {
        timer = setTimeout(() => resolve('overrun'), budgetMs);
      });
      const done = work().then(
        () => 'done' as const,
        (error: unknown) => log.warn({ err: error, step: name }, 'shutdown step failed'),
      );
      if ((await Promise.race([done, overrun])) === 'overrun')
        log.warn({ step: name, budgetMs }, 'shutdown step overran its budget; going on');
      clearTimeout(timer);
    };
    await step('requests in flight', this.shutdown.lingerMs + SHUTDOWN_GRACE_MS + SHUTDOWN_STEP_MS, async () => {
      await this.linger();
      const grace = setTimeout(() => {
        this.app.server.closeAllConnections();
        for (const session of this.h2Sessions) session.destroy();
        // Those neither server took yet (no byte came): the HTTP server does not know them, yet its close waits.
        for (const socket of this.connections) socket.destroy();
      }, SHUTDOWN_GRACE_MS);
      await this.app.close().finally(() => clearTimeout(grace));
    });
    for (const service of this.services) await step(`${service.name}: jobs and relay`, SHUTDOWN_STEP_MS, () => service.stop());
    if (this.background && this.shutdown.drainMs > 0) {
      const until = AbortSignal.timeout(this.shutdown.drainMs);
      for (const service of this.services) {
        await step(`${service.name}: final relay drain`, SHUTDOWN_STEP_MS, () => service.relay.drain(() => !until.aborted, until));
      }
    }
    await step('event bus', SHUTDOWN_STEP_MS, () => bus.close());
    await step('cache', SHUTDOWN_STEP_MS, () => cache.close());
    await step('pub/sub', SHUTDOWN_STEP_MS, () => pubsub.close());
    await step('file store', SHUTDOWN_STEP_MS, () => files.close());
    for (const service of this.services) await step(`${service.name}: database`, SHUTDOWN_STEP_MS, () => service.close());
    await stopTelemetry();
  }
}
