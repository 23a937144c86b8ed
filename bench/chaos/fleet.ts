// The FieldOps processes of a chaos run: every service as two replicas behind a balancer (as a Kubernetes Service
// puts them), and two gateways, each `fieldops serve --services …` on its own port. Gateway B reaches one service
// across a link the suite can cut (the partition; see network.ts).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Balancer, freePort, startBalancer } from '@fieldops/testing';
import { Daemon, sleep } from './daemon';
import type { Network } from './network';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const SERVICES = [
  'account',
  'area',
  'poi',
  'file',
  'merchant',
  'leads',
  'checkin',
  'performance',
  'tickets',
  'search',
  'marketing',
  'notification',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The service gateway B reaches through the cuttable proxy. */
export const PARTITIONED_SERVICE: ServiceName = 'checkin';

/** One process per service (the full run), or a few groups of services per process (the short run, to start in time). */
export type ProcessPlan = ServiceName[][];

export const ONE_PER_SERVICE: ProcessPlan = SERVICES.map((name) => [name]);
export const GROUPED: ProcessPlan = [
  ['account', 'area', 'poi', 'file', 'merchant', 'performance', 'tickets', 'marketing', 'notification'],
  ['leads'],
  ['checkin'],
  ['search'],
];

/** Replicas of every group: a graceful stop of one must not fail a request, the other takes them. */
export const REPLICAS = 2;

export interface FieldopsProcess {
  name: string;
  services: ServiceName[];
  daemon: Daemon;
  port: number;
  url: string;
}

export interface Fleet {
  /** Every replica of every service group. */
  services: FieldopsProcess[];
  gateways: FieldopsProcess[];
  all(): FieldopsProcess[];
  close(): Promise<void>;
  waitReady(process: FieldopsProcess, timeoutMs?: number): Promise<void>;
}

/** Settings no run should take from the shell that started it. */
const INHERITED = /^(DATA_DIR|PORT|HOST|DATABASE_URL|BUS_URL|CACHE_URL|FILES_URL|SEARCH_URL|.+_DATABASE_URL|SERVICE_.+_URL)$/;

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!INHERITED.test(key)) env[key] = value;
  return {
    ...env,
    LOG_LEVEL: 'warn',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    // The simulated field force comes from one address: the limits are not under test here.
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_LOGIN_MAX: '100000',
    ...extra,
  };
}

/**
 * Node runs the TypeScript itself (see typescript-loader.ts), and keeps what it compiled on disk: the dozen processes of
 * a run, and every restart after a kill, load the same modules, and compiling them once instead of each time is what
 * makes the start fit a small machine.
 */
const NODE_OPTIONS = [
  '--experimental-transform-types',
  '--disable-warning=ExperimentalWarning',
  '--import',
  './bench/chaos/typescript-loader.ts',
];
const COMPILE_CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'fieldops-chaos');

export function fieldopsDaemon(name: string, args: string[], env: Record<string, string>, logDir: string, namespace?: string): Daemon {
  return new Daemon(name, process.execPath, [...NODE_OPTIONS, 'apps/cli/src/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: baseEnv({ NODE_COMPILE_CACHE: COMPILE_CACHE, ...env }),
    log: path.join(logDir, `${name}.log`),
    namespace,
  });
}

async function ready(process: FieldopsProcess): Promise<boolean> {
  // A gateway's /readyz asks every service in turn (each only advisory): on a starved machine that outlasts any
  // sensible probe, so a gateway counts as up once it answers /healthz.
  const probe = process.services.length === 0 ? '/healthz' : '/readyz';
  try {
    const response = await fetch(`${process.url}${probe}`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts that may fail before the process is ready: on a starved machine a first connection can time out (3 s). */
const START_ATTEMPTS = 3;

export async function waitReady(process: FieldopsProcess, timeoutMs = 420_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 1;
  while (!(await ready(process))) {
    if (!process.daemon.running) {
      if (attempts >= START_ATTEMPTS) throw new Error(`${process.name} exited while starting (see ${process.name}.log)`);
      attempts++;
      process.daemon.start();
    }
    if (Date.now() > deadline) throw new Error(`${process.name} was not ready within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/**
 * Starts every service's replicas, then both gateways, and waits until each answers. Every process reaches a service
 * through its balancer; gateway B reaches the partitioned one across the link the partition cuts.
 */
export async function startFleet(engineEnv: Record<string, string>, logDir: string, plan: ProcessPlan, network: Network): Promise<Fleet> {
  const { host } = network;
  const serviceUrls: Record<string, string> = {};
  const balancers: Balancer[] = [];
  const services: FieldopsProcess[] = [];
  const replicaEnv: { process: Omit<FieldopsProcess, 'daemon'>; env: Record<string, string> }[] = [];
  let partitionedUrl = '';
  for (const group of plan) {
    const name = group.length === 1 ? (group[0] ?? 'service') : `${group[0]}+${group.length - 1}`;
    const replicas: Omit<FieldopsProcess, 'daemon'>[] = [];
    for (let i = 1; i <= REPLICAS; i++) {
      const port = await freePort();
      replicas.push({ name: `${name}-${i}`, services: group, port, url: `http://${host}:${port}` });
    }
    const partitioned = group.includes(PARTITIONED_SERVICE);
    const balancer = await startBalancer(
      replicas.map((replica) => ({ host, port: replica.port })),
      partitioned && network.partitionHost ? [host, network.partitionHost] : [host],
    );
    balancers.push(balancer);
    if (partitioned) partitionedUrl = await network.partitionedUrl(balancer.port);
    for (const service of group) serviceUrls[`SERVICE_${service.toUpperCase()}_URL`] = `http://${host}:${balancer.port}`;
    for (const replica of replicas) replicaEnv.push({ process: replica, env: { PORT: String(replica.port) } });
  }
  const shared = { ...engineEnv, ...serviceUrls, INTERNAL_SECRET: randomBytes(32).toString('hex'), DATA_DIR: logDir, HOST: host };
  for (const { process, env } of replicaEnv) {
    const args = ['serve', '--services', process.services.join(',')];
    services.push({ ...process, daemon: fieldopsDaemon(process.name, args, { ...shared, ...env }, logDir) });
  }
  const gateways: FieldopsProcess[] = [];
  for (const name of ['gateway-a', 'gateway-b']) {
    const port = await freePort();
    const b = name === 'gateway-b';
    const gatewayHost = b ? network.gatewayB.host : host;
    const env: Record<string, string> = { ...shared, PORT: String(port), HOST: gatewayHost };
    if (b) env[`SERVICE_${PARTITIONED_SERVICE.toUpperCase()}_URL`] = partitionedUrl;
    const daemon = fieldopsDaemon(name, ['serve', '--services', 'gateway'], env, logDir, b ? network.gatewayB.namespace : undefined);
    gateways.push({ name, services: [], daemon, port, url: `http://${gatewayHost}:${port}` });
  }

  const all = () => [...services, ...gateways];
  // All at once: migrations take a lock per database, and replicas that make the signing key together agree on the
  // newest, so no process has to wait for another to start.
  for (const process of all()) process.daemon.start();
  await Promise.all(all().map((process) => waitReady(process)));
  return {
    services,
    gateways,
    all,
    waitReady,
    close: async () => {
      await Promise.all(balancers.map((balancer) => balancer.close()));
    },
  };
}
