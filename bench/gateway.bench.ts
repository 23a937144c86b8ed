import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@fieldops/account';
import { freePort } from '@fieldops/testing';
import { login } from './bench-host';
import { fieldopsDaemon, waitReady } from './chaos/fleet';
import { type LoadResult, LoadTarget } from './http-load';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const PATH = '/api/v1/me';
const USER = 'admin@fieldops.test';
/**
 * Measured requests per mode, sent in `ROUNDS` batches that alternate between the modes. A batch lasts most of a
 * second, so it measures the processes under steady load rather than their waking from idle between batches.
 */
const REQUESTS = 16_000;
const ROUNDS = 8;
const WARMUP = 300;
const CONCURRENCY = 16;
/** The gateway's per-user budget (600 a minute by default) would turn the load into 429s. */
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000) };

export interface GatewayResult extends LoadResult {
  mode: string;
  concurrency: number;
  /** This mode's requests/s ÷ the service's own. */
  rpsRatio: number;
  /** This mode's p50 ÷ the service's own. */
  p50Ratio: number;
}

interface Mode {
  name: string;
  url: string;
  token: string;
}

/** One request first: a mode that answers errors would otherwise be timed as if it worked. */
async function expectMe(mode: Mode): Promise<void> {
  const response = await fetch(`${mode.url}${PATH}`, { headers: { authorization: `Bearer ${mode.token}` } });
  const text = await response.text();
  if (response.status !== 200 || !text.includes(USER)) {
    throw new Error(`${mode.name}: GET ${PATH} answered ${response.status} ${text.slice(0, 300)}`);
  }
}

interface Stoppable {
  stop(): Promise<void>;
}

/** A `fieldops serve` process of the bench, stopped with its data directory cleared. */
interface BenchProcess extends Stoppable {
  url: string;
}

/** Embedded drivers in a data directory of the process's own. */
function embeddedEnv(dir: string): Record<string, string> {
  return { DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}`, BUS_URL: 'local:', CACHE_URL: 'memory:', HOST: '127.0.0.1' };
}

/**
 * `fieldops serve --services <services>` in a process of its own, with the demo data seeded first when `seed` names
 * the services to seed: each measured setup has its own event loop, so none of them runs the others' idle work
 * (relays, leases, jobs) beside its requests.
 */
async function startProcess(name: string, services: string, env: Record<string, string>, seed?: string): Promise<BenchProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fieldops-bench-${name}-`));
  const port = await freePort();
  const own = { ...embeddedEnv(dir), PORT: String(port), ...env };
  const daemon = fieldopsDaemon(name, ['serve', '--services', services], own, dir);
  const stop = async () => {
    await daemon.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (seed) {
      const seeding = fieldopsDaemon(`${name}-seed`, ['seed', '--demo', '--services', seed], own, dir);
      seeding.start();
      if ((await seeding.finished()) !== 0) throw new Error(`the demo seed of ${name} failed`);
    }
    daemon.start();
    const url = `http://127.0.0.1:${port}`;
    await waitReady({ name, services: [], daemon, port, url }, 60_000);
    return { url, stop };
  } catch (error) {
    const logs = fs.readdirSync(dir).filter((file) => file.endsWith('.log'));
    const tail = logs.map((file) => fs.readFileSync(path.join(dir, file), 'utf8').slice(-1500)).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}:\n${tail}`);
  }
}

/**
 * Three setups with embedded drivers, each in a process of its own: the account service alone; a gateway that
 * forwards to it over HTTP (the distributed shape, the same service process behind it); and the service with the
 * gateway in one host (`fieldops serve --services account,gateway`).
 */
async function startModes(started: Stoppable[], progress: Progress): Promise<Mode[]> {
  progress('starting the account service in a process of its own and seeding demo data');
  const service = await startProcess('account', 'account', {}, 'account');
  started.push(service);
  progress('starting a gateway in a process of its own that forwards to it');
  const gateway = await startProcess('gateway', 'gateway', { SERVICE_ACCOUNT_URL: service.url, ...UNLIMITED });
  started.push(gateway);
  progress('starting the account service with the gateway in one process and seeding demo data');
  const embedded = await startProcess('embedded', 'account,gateway', UNLIMITED, 'account');
  started.push(embedded);
  // One sign-in per account service; the gateway forwards to the first, so the same token works there.
  const serviceToken = await login(service.url, USER, DEMO_PASSWORD);
  return [
    { name: 'service direct', url: service.url, token: serviceToken },
    { name: 'via gateway (distributed)', url: gateway.url, token: serviceToken },
    { name: 'embedded (gateway + service)', url: embedded.url, token: await login(embedded.url, USER, DEMO_PASSWORD) },
  ];
}

export async function runGatewaySuite(progress: Progress): Promise<SuiteOutcome<GatewayResult>> {
  const started: Stoppable[] = [];
  const runs: { mode: Mode; target: LoadTarget }[] = [];
  try {
    for (const mode of await startModes(started, progress)) {
      await expectMe(mode);
      const headers = { authorization: `Bearer ${mode.token}` };
      runs.push({ mode, target: new LoadTarget({ url: mode.url, headers, concurrency: CONCURRENCY }) });
    }
    progress(`warm-up: ${WARMUP} × GET ${PATH} per mode`);
    for (const { target } of runs) await target.warmUp(Array(WARMUP).fill(PATH));
    // Alternating batches, so a slow moment of the machine falls on every mode alike.
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`round ${round}/${ROUNDS}: ${REQUESTS / ROUNDS} × GET ${PATH} per mode at concurrency ${CONCURRENCY}`);
      for (const { target } of runs) await target.measure(Array(REQUESTS / ROUNDS).fill(PATH));
    }
    const measured = runs.map(({ mode, target }) => ({ mode: mode.name, result: target.result() }));
    const direct = measured[0]?.result;
    if (!direct) throw new Error('nothing was measured');
    const results = measured.map(({ mode, result }) => ({
      mode,
      concurrency: CONCURRENCY,
      ...result,
      rpsRatio: result.requestsPerSecond / direct.requestsPerSecond,
      p50Ratio: result.latencyMs.p50 / direct.latencyMs.p50,
    }));
    return { results, table: gatewayTable(results) };
  } finally {
    for (const { target } of runs) await target.close();
    for (const bench of started.reverse()) await bench.stop();
  }
}

function gatewayTable(results: GatewayResult[]): string {
  const columns = [
    { header: `GET ${PATH}` },
    { header: 'requests', align: 'right' },
    { header: 'errors', align: 'right' },
    { header: 'req/s', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'max ms', align: 'right' },
    { header: 'req/s ÷ direct', align: 'right' },
    { header: 'p50 ÷ direct', align: 'right' },
  ] as const;
  const rows = results.map((r) => [
    r.mode,
    num(r.requests),
    num(r.errors),
    num(r.requestsPerSecond),
    num(r.latencyMs.p50, 2),
    num(r.latencyMs.p99, 2),
    num(r.latencyMs.max, 2),
    num(r.rpsRatio, 2),
    num(r.p50Ratio, 2),
  ]);
  const errors = results.filter((r) => r.errors > 0).map((r) => `${r.mode}: ${r.errors} errors, first: ${r.firstError}`);
  const legend = `concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds; the requests come from a load process of their own; the service, the distributed gateway and the embedded host each run in a process of its own`;
  return [formatTable(columns, rows), legend, ...errors].join('\n');
}
