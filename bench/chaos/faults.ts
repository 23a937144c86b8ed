// The faults of a run, each injected at a random moment of steady load and then healed; after each, how long the
// system took to converge (the faulted part ready again, every event written before the heal delivered).
import type { Engines } from './cluster';
import { sleep } from './daemon';
import type { FieldopsProcess, Fleet } from './fleet';
import type { Ledger } from './ledger';
import type { Network } from './network';
import type { Observer } from './observe';

export const FAULT_KINDS = [
  'kill -9 service',
  'kill -9 gateway',
  'SIGTERM service',
  'kill -9 one NATS node',
  'all NATS nodes down',
  'MariaDB down',
  'partition gateway-b / checkin',
  'slow consumer (search paused)',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The ledger's phase from a replica's SIGTERM until shortly after it exited. */
export const DRAINING_PHASE = 'SIGTERM service: draining';

export interface Durations {
  /** How long a killed process stays down before the suite restarts it. */
  restartAfterMs: number;
  natsOutageMs: number;
  databaseOutageMs: number;
  partitionMs: number;
  slowMs: number;
}

export interface FaultOutcome {
  kind: FaultKind;
  target: string;
  /** From the heal to everything delivered, in seconds. */
  convergedS: number;
  /**
   * For the NATS outage: from the heal to the cluster's JetStream answering again (every node's /healthz), and from
   * then to everything delivered, in seconds. A starved machine can take long to elect leaders; what the services
   * owe starts once the broker is back.
   */
  recovery?: { brokerBackS: number; deliveredS: number };
  /** For the database outage: the slowest answer while it was down, and whether every one was a 503 with Retry-After. */
  outageAnswers?: { slowestMs: number; count: number; all503: boolean };
}

export interface FaultContext {
  engines: Engines;
  fleet: Fleet;
  network: Network;
  ledger: Ledger;
  observer: Observer;
  durations: Durations;
  /** An admin's access token, for the probes. */
  token: () => string;
  /** Progress lines of the run. */
  say: (text: string) => void;
}

const pick = <T>(items: T[]): T => {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};

/** Waits until every event written before `since` is published and applied by its consumers; answers seconds. */
export async function converge(ctx: FaultContext, since: number, timeoutMs = 240_000): Promise<number> {
  const deadline = since + timeoutMs;
  let reported = Date.now();
  for (;;) {
    // The database may be away (its own fault), so a failed observation is tried again, but said.
    const delivery = await ctx.observer
      .delivery(since)
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (!(delivery instanceof Error) && delivery.unpublished === 0 && delivery.unapplied === 0) return (Date.now() - since) / 1000;
    if (Date.now() > deadline) return Number.POSITIVE_INFINITY;
    // Who holds a slow convergence up, for whoever reads the run's log.
    if (Date.now() - reported > 10_000) {
      reported = Date.now();
      const behind =
        delivery instanceof Error
          ? `cannot observe: ${delivery.message.split('\n')[0]}`
          : `behind: ${Object.entries(delivery.behind)
              .map(([who, n]) => `${who} ${n}`)
              .join(', ')}`;
      ctx.say(`    ${((Date.now() - since) / 1000).toFixed(0)} s: ${behind}`);
    }
    await sleep(1_000);
  }
}

/** Waits until every NATS node says its JetStream is healthy (a meta leader, its streams current); answers when. */
async function jetStreamBack(engines: Engines, timeoutMs = 240_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const healthy = async (port: number) => {
    try {
      const response = await fetch(`http://${engines.host}:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  };
  while (Date.now() < deadline) {
    if ((await Promise.all(engines.natsMonitorPorts.map(healthy))).every(Boolean)) return Date.now();
    await sleep(250);
  }
  return Date.now();
}

async function restart(ctx: FaultContext, process: FieldopsProcess): Promise<void> {
  process.daemon.start();
  await ctx.fleet.waitReady(process);
}

/** Probes an endpoint of every kind of service while the database is down: each answer's time and shape. */
async function probeDuringOutage(ctx: FaultContext, until: number): Promise<FaultOutcome['outageAnswers']> {
  const gateway = ctx.fleet.gateways[0]?.url ?? '';
  let slowestMs = 0;
  let count = 0;
  let all503 = true;
  while (Date.now() < until - 1_000) {
    for (const path of ['/api/v1/leads?limit=1', '/api/v1/visits?limit=1']) {
      const started = performance.now();
      try {
        const response = await fetch(`${gateway}${path}`, {
          headers: { authorization: `Bearer ${ctx.token()}` },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        const ms = performance.now() - started;
        slowestMs = Math.max(slowestMs, ms);
        count++;
        const problem = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
        if (response.status !== 503 || !problem || !response.headers.get('retry-after')) {
          all503 = false;
          ctx.ledger.violation(`during the database outage ${path} answered ${response.status} (${response.headers.get('content-type')})`);
        }
      } catch {
        all503 = false;
        slowestMs = Math.max(slowestMs, performance.now() - started);
      }
    }
    await sleep(500);
  }
  return { slowestMs, count, all503 };
}

export async function inject(ctx: FaultContext, kind: FaultKind): Promise<FaultOutcome> {
  const { engines, fleet, durations } = ctx;
  let target = '';
  let outageAnswers: FaultOutcome['outageAnswers'];
  let brokerBackAt: number | undefined;
  let healedAt = Date.now();
  switch (kind) {
    case 'kill -9 service':
    case 'kill -9 gateway': {
      // One replica: the other goes on serving, so only what was in flight on this one is retried by its clients.
      const process = pick(kind === 'kill -9 service' ? fleet.services : fleet.gateways);
      target = process.name;
      await process.daemon.kill();
      await sleep(durations.restartAfterMs);
      healedAt = Date.now();
      await restart(ctx, process);
      break;
    }
    case 'SIGTERM service': {
      // Graceful: the replica stops taking connections (the balancer sends new ones to the other), finishes the
      // requests in flight and drains its outbox relay. No client request may fail (checked by phase).
      const process = pick(fleet.services);
      target = process.name;
      // Requests from the signal until a moment after the exit are the ones the drain must not fail.
      ctx.ledger.enter(DRAINING_PHASE);
      await process.daemon.stop('SIGTERM');
      await sleep(3_000);
      ctx.ledger.enter(kind);
      healedAt = Date.now();
      await restart(ctx, process);
      break;
    }
    case 'kill -9 one NATS node': {
      const index = Math.floor(Math.random() * engines.nats.length);
      const node = engines.nats[index];
      if (!node) throw new Error('no NATS node');
      target = node.name;
      await node.kill();
      // The other two keep a quorum: writes and deliveries go on while it is away.
      await sleep(durations.restartAfterMs * 2);
      healedAt = Date.now();
      node.start();
      break;
    }
    case 'all NATS nodes down': {
      target = 'chaos-1..3';
      await Promise.all(engines.nats.map((node) => node.stop('SIGTERM')));
      await sleep(durations.natsOutageMs);
      healedAt = Date.now();
      for (const node of engines.nats) node.start();
      brokerBackAt = await jetStreamBack(engines);
      break;
    }
    case 'MariaDB down': {
      target = 'mariadb';
      await engines.mariadb.stop('SIGTERM');
      const until = Date.now() + durations.databaseOutageMs;
      outageAnswers = await probeDuringOutage(ctx, until);
      await sleep(Math.max(0, until - Date.now()));
      healedAt = Date.now();
      engines.mariadb.start();
      break;
    }
    case 'partition gateway-b / checkin': {
      target = `gateway-b ⇸ checkin (${ctx.network.mode === 'namespaces' ? 'veth link down' : 'TCP proxy'})`;
      ctx.network.cut();
      await sleep(durations.partitionMs);
      healedAt = Date.now();
      ctx.network.restore();
      break;
    }
    case 'slow consumer (search paused)': {
      const search = fleet.services.filter((process) => process.services.includes('search'));
      if (search.length === 0) throw new Error('no search process');
      target = search.map((process) => process.name).join(', ');
      // Every replica frozen mid-handler: deliveries wait past their ack deadline and are redelivered, leases run out.
      for (const process of search) process.daemon.signal('SIGSTOP');
      await sleep(durations.slowMs);
      healedAt = Date.now();
      for (const process of search) process.daemon.signal('SIGCONT');
      break;
    }
  }
  const convergedS = await converge(ctx, healedAt);
  const recovery =
    brokerBackAt === undefined
      ? undefined
      : { brokerBackS: (brokerBackAt - healedAt) / 1000, deliveredS: Math.max(0, convergedS - (brokerBackAt - healedAt) / 1000) };
  return { kind, target, convergedS, ...(outageAnswers ? { outageAnswers } : {}), ...(recovery ? { recovery } : {}) };
}
