// The box a field day runs against: embedded (`fieldops serve`, every service in one process on SQLite, seeding the
// demo data itself) or distributed (the services in a few processes and a gateway on MariaDB, NATS and Redis, all on
// this one machine, seeded by `fieldops seed --demo`), each on fresh data.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteNatsStream, dropMysqlDatabase } from '@fieldops/platform';
import { embeddedEngines, engineAvailable, engineUrls, freePort, isolate } from '@fieldops/testing';
import { type FieldopsProcess, fieldopsDaemon, GROUPED, SERVICES, type ServiceName, waitReady } from './chaos/fleet';
import type { Progress } from './suite';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The per-user budgets protect a real deployment from one client; here many simulated reps share demo accounts. */
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000), RATE_LIMIT_LOGIN_MAX: String(1_000_000_000) };

export interface FieldDayServer {
  /** `embedded` or `distributed`, as the results name it. */
  mode: string;
  /** What serves the field day, for the table's legend. */
  description: string;
  url: string;
  /** The processes that serve (not the database server, the bus or the cache). */
  pids(): number[];
  stop(): Promise<void>;
}

/** `fieldops serve` on a fresh data folder, as an operator starts it; answers once it listens and has seeded. */
export async function startEmbeddedServer(progress: Progress): Promise<FieldDayServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-fieldday-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...(process.env.DEMO_COUNTRIES ? { DEMO_COUNTRIES: process.env.DEMO_COUNTRIES } : {}),
      ...UNLIMITED,
      // To profile the box under the peak, e.g. `--cpu-prof --cpu-prof-dir=…` (written when it stops).
      ...(process.env.FIELDDAY_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.FIELDDAY_SERVER_NODE_OPTIONS } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  progress('starting fieldops serve (embedded, demo data)');
  const deadline = Date.now() + 300_000;
  while (!output.includes('Stop with Ctrl+C')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`fieldops serve did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    mode: 'embedded',
    description: 'embedded `fieldops serve` (every service in one process, SQLite) in its own process',
    url: `http://127.0.0.1:${port}`,
    pids: () => (child.pid === undefined ? [] : [child.pid]),
    stop,
  };
}

/**
 * The services in the process groups of the chaos suite's short run (one replica each) and one gateway, each
 * `fieldops serve --services …`, on MariaDB (databases under a prefix of their own), a private NATS stream and Redis
 * keys under a prefix; answers why not when an engine does not answer.
 */
export async function startDistributedServer(progress: Progress): Promise<FieldDayServer | string> {
  const missing = [];
  for (const engine of ['mariadb', 'nats', 'redis'] as const)
    if (!(await engineAvailable(engine))) missing.push(`${engine} at ${engineUrls[engine]}`);
  if (missing.length > 0) return `distributed: ${missing.join(', ')} did not answer`;
  const id = randomBytes(4).toString('hex');
  const prefix = `fod_${id}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-fieldday-'));
  const isolated = isolate({ ...embeddedEngines, busUrl: engineUrls.nats, cacheUrl: engineUrls.redis });
  const groups = await Promise.all(GROUPED.map(async (services) => ({ services, port: await freePort() })));
  const serviceUrls = Object.fromEntries(
    groups.flatMap(({ services, port }) => services.map((name) => [`SERVICE_${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}`])),
  );
  const shared: Record<string, string> = {
    DATA_DIR: dir,
    DATABASE_URL: `${engineUrls.mariadb}/?databasePrefix=${prefix}`,
    BUS_URL: isolated.busUrl,
    CACHE_URL: isolated.cacheUrl,
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    ...(process.env.DEMO_COUNTRIES ? { DEMO_COUNTRIES: process.env.DEMO_COUNTRIES } : {}),
    ...UNLIMITED,
    ...serviceUrls,
  };
  const gatewayPort = await freePort();
  const serve = (name: string, services: ServiceName[], port: number): FieldopsProcess => ({
    name,
    services,
    port,
    url: `http://127.0.0.1:${port}`,
    daemon: fieldopsDaemon(
      name,
      ['serve', '--services', services.length > 0 ? services.join(',') : 'gateway'],
      { ...shared, PORT: String(port) },
      dir,
    ),
  });
  const processes = [...groups.map(({ services, port }) => serve(services.join('+'), services, port)), serve('gateway', [], gatewayPort)];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.daemon.stop()));
    for (const service of SERVICES) await dropMysqlDatabase(engineUrls.mariadb, `${prefix}${service}`);
    if (isolated.stream) await deleteNatsStream(engineUrls.nats, isolated.stream);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    progress(`seeding the demo organisation (MariaDB databases ${prefix}*, NATS stream ${isolated.stream})`);
    const seed = fieldopsDaemon('seed', ['seed', '--demo'], shared, dir);
    seed.start();
    if ((await seed.finished()) !== 0) throw new Error(`the demo seed failed:\n${tail(path.join(dir, 'seed.log'))}`);
    progress(`starting ${groups.length} service processes and a gateway`);
    for (const p of processes) p.daemon.start();
    await Promise.all(processes.map((p) => waitReady(p)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    mode: 'distributed',
    description: `${groups.map((g) => g.services.join('+')).join(', ')} and a gateway, each \`fieldops serve --services …\` in a process of its own, on MariaDB, NATS JetStream and Redis`,
    url: `http://127.0.0.1:${gatewayPort}`,
    pids: () => processes.flatMap((p) => (p.daemon.pid === undefined ? [] : [p.daemon.pid])),
    stop,
  };
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-2000);
  } catch {
    return '(no log)';
  }
}
