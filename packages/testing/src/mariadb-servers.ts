import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { enginesRequired } from './engines';
import { mariadbEngineAt, type TestEngines } from './engines-env';
import { freePort } from './free-port';

/**
 * MariaDB servers of a test's own, on loopback: a primary with its binary log on and replicas that follow it by GTID.
 * Suites that stop, lag or kill a server cannot share the machine's server, and neither can the binlog relay,
 * which needs a binary log the shared server may not keep.
 */
export interface MariaDbServer {
  /** `mysql://root@127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Runs one statement as root and answers its rows. */
  sql(statement: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  /** SIGKILLs the server (a crash); `start()` brings it back on the same port and data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

export interface MariaDbPair {
  primary: MariaDbServer;
  replicas: MariaDbServer[];
  /** Waits until every replica has applied everything the primary wrote so far. */
  synced(): Promise<void>;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** Whether `mariadbd` can run here; in CI it must (a suite that needs it then fails instead of being left out). */
export async function mariadbdAvailable(): Promise<boolean> {
  if (enginesRequired) return true;
  try {
    await run('mariadbd', ['--version']);
    return true;
  } catch {
    console.warn('[fieldops] mariadbd is not installed: the suites that start their own MariaDB were NOT run here (CI runs them all)');
    return false;
  }
}

let template: Promise<string> | undefined;

/**
 * An initialised, empty data directory, copied for each server (initialising takes seconds). Kept between runs in one
 * place per machine user, so test processes that are killed leave nothing new behind; made aside and renamed into
 * place, so parallel test files never see half of one.
 */
function templateDataDir(): Promise<string> {
  template ??= (async () => {
    const dir = path.join(os.tmpdir(), `fieldops-mariadb-template-${process.getuid?.() ?? 'user'}`);
    if (fs.existsSync(path.join(dir, 'mysql'))) return dir;
    const making = fs.mkdtempSync(`${dir}-making-`);
    try {
      await run('mariadb-install-db', [
        '--no-defaults',
        `--datadir=${making}`,
        // The bootstrap server too deletes the `#sql…` files of its tmpdir (see startMariaDb).
        `--tmpdir=${making}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...asRoot(),
      ]);
      fs.renameSync(making, dir);
    } catch (error) {
      // Another test file made it first: use theirs.
      if (!fs.existsSync(path.join(dir, 'mysql'))) throw error;
    } finally {
      fs.rmSync(making, { recursive: true, force: true });
    }
    return dir;
  })();
  return template;
}

function asRoot(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

/** Starts one server, by default with its binary log on (row-based, GTID strict), so it can be a primary or a replica. */
export async function startMariaDb(options: { serverId: number; readOnly?: boolean; binlog?: boolean }): Promise<MariaDbServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mariadb-'));
  fs.cpSync(await templateDataDir(), dataDir, { recursive: true });
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}`;
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--port=${port}`,
    `--socket=${path.join(dataDir, 'mariadb.sock')}`,
    `--pid-file=${path.join(dataDir, 'mariadb.pid')}`,
    // Its own temporary directory: a starting server deletes every `#sql…` file in its tmpdir, and in the shared /tmp
    // those are the temporary tables of the machine's other MariaDB, in use by the tests running beside this one.
    `--tmpdir=${dataDir}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    `--server-id=${options.serverId}`,
    ...(options.binlog === false ? [] : ['--log-bin=binlog', '--binlog-format=ROW', '--log-slave-updates', '--gtid-strict-mode=1']),
    '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=16M',
    // Tests rebuild these servers at will: durability at every commit only costs them time.
    '--innodb-flush-log-at-trx-commit=2',
    '--sync-binlog=0',
    ...(options.readOnly ? ['--read-only=1'] : []),
    ...asRoot(),
  ];
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    child = spawn('mariadbd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk) => {
      log = (log + chunk).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) =>
      child?.once('exit', (code) => reject(new Error(`mariadbd exited (${code}) while starting:\n${log}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([answers(url, 60_000), exited]);
  };
  const stopChild = async (signal: NodeJS.Signals) => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    port,
    sql: (statement, values) => query(url, statement, values),
    kill: () => stopChild('SIGKILL'),
    start,
    async destroy() {
      await stopChild('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A primary and `replicas` replicas following it by GTID (`MASTER_USE_GTID=slave_pos`). */
export async function startMariaDbPair(options: { replicas?: number } = {}): Promise<MariaDbPair> {
  const primary = await startMariaDb({ serverId: 1 });
  const replicas: MariaDbServer[] = [];
  try {
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const replica = await startMariaDb({ serverId: 2 + i, readOnly: true });
      replicas.push(replica);
      await replica.sql(
        `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root', MASTER_USE_GTID=slave_pos`,
      );
      await replica.sql('START SLAVE');
    }
  } catch (error) {
    for (const server of [primary, ...replicas]) await server.destroy();
    throw error;
  }
  return {
    primary,
    replicas,
    async synced() {
      const [row] = await primary.sql('SELECT @@gtid_binlog_pos AS position');
      for (const replica of replicas) {
        const [waited] = await replica.sql('SELECT MASTER_GTID_WAIT(?, 30) AS waited', [row?.position ?? '']);
        if (waited?.waited !== 0) throw new Error(`replica on ${replica.port} did not catch up with ${String(row?.position)}`);
      }
    },
    async stop() {
      for (const server of [...replicas, primary]) await server.destroy();
    },
  };
}

async function query(url: string, statement: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const connection = await createConnection({ uri: url, multipleStatements: true });
  try {
    const [rows] = await connection.query(statement, values);
    // Several statements answer one result each: the last one's rows are the answer.
    const last = Array.isArray(rows) && Array.isArray(rows.at(-1)) ? rows.at(-1) : rows;
    return Array.isArray(last) ? (last as Record<string, unknown>[]) : [];
  } finally {
    await connection.end();
  }
}

async function answers(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await query(url, 'SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`MariaDB at ${url} did not answer: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Engines whose outbox relay tails the binary log: a MariaDB server of the test file's own (binary log on) and the
 * in-process bus. Empty where `mariadbd` is not installed (outside CI). `stop` ends the server.
 */
export async function binlogRelayEngines(): Promise<{ engines: TestEngines[]; stop(): Promise<void> }> {
  if (!(await mariadbdAvailable())) return { engines: [], stop: async () => {} };
  const server = await startMariaDb({ serverId: 1 });
  return {
    engines: [
      {
        name: 'mariadb-binlog+local+memory',
        database: mariadbEngineAt(server.url),
        busUrl: 'local:',
        cacheUrl: 'memory:',
        env: { OUTBOX_RELAY: 'binlog' },
      },
    ],
    stop: () => server.destroy(),
  };
}
