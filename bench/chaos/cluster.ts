// The engines of one chaos run, each a real server the suite owns (never the machine's shared ones): MariaDB, a
// 3-node NATS JetStream cluster, Redis and an S3 server, on free ports of the run's host address, data in a
// temporary directory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, startS3Server, type TestS3Server } from '@fieldops/testing';
import { Daemon, waitForPort } from './daemon';

export interface Engines {
  dir: string;
  /** The address every engine listens on. */
  host: string;
  mariadb: Daemon;
  mariadbPort: number;
  nats: Daemon[];
  natsPorts: number[];
  /** Each node's monitoring port (`/healthz`: its JetStream has a leader and its streams are current). */
  natsMonitorPorts: number[];
  redis: Daemon;
  s3: TestS3Server;
  /** The settings every FieldOps process of the run gets. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const NATS_NODES = 3;

/** Makes the data directory (the system tables); the other engines start meanwhile. */
async function mariadb(dir: string, host: string, port: number): Promise<Daemon> {
  const data = path.join(dir, 'mariadb');
  await promisify(execFile)('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${data}`,
    `--tmpdir=${dir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--user=root',
  ]);
  return new Daemon(
    'mariadb',
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      `--bind-address=${host}`,
      `--socket=${path.join(dir, 'mariadb.sock')}`,
      // Not the shared /tmp: a starting server deletes the `#sql…` temporary files it finds in its tmpdir.
      `--tmpdir=${dir}`,
      '--user=root',
      // Our own throwaway server: no accounts to set up.
      '--skip-grant-tables',
      '--skip-name-resolve',
      '--max-connections=1000',
      '--innodb-buffer-pool-size=256M',
      // A commit reaches the server's log file but is not flushed to disk each time: what the suite stops is the
      // server, never the machine, so nothing committed is lost, and the start (every service's tables) goes faster.
      '--innodb-flush-log-at-trx-commit=2',
    ],
    { log: path.join(dir, 'mariadb.log') },
  );
}

/** One node of the cluster: its client port, its route port, the routes to the others, its own JetStream store. */
function natsNode(dir: string, host: string, index: number, ports: number[], routePorts: number[], monitorPorts: number[]): Daemon {
  const name = `chaos-${index + 1}`;
  const config = path.join(dir, `${name}.conf`);
  const routes = routePorts.map((port) => `"nats-route://127.0.0.1:${port}"`).join(', ');
  fs.writeFileSync(
    config,
    [
      `server_name: ${name}`,
      `host: ${host}`,
      `port: ${ports[index]}`,
      `http: "${host}:${monitorPorts[index]}"`,
      // Production also sets `sync_interval: always` (docs/operations.md); the Debian server here predates it.
      `jetstream { store_dir: "${path.join(dir, name)}" }`,
      `cluster { name: chaos, host: 127.0.0.1, port: ${routePorts[index]}, routes: [${routes}] }`,
      '',
    ].join('\n'),
  );
  return new Daemon(name, 'nats-server', ['-c', config], { log: path.join(dir, `${name}.log`) });
}

export async function startEngines(dir: string, host: string): Promise<Engines> {
  const mariadbPort = await freePort();
  const natsPorts: number[] = [];
  const routePorts: number[] = [];
  const natsMonitorPorts: number[] = [];
  for (let i = 0; i < NATS_NODES; i++) {
    natsPorts.push(await freePort());
    routePorts.push(await freePort());
    natsMonitorPorts.push(await freePort());
  }
  const redisPort = await freePort();
  const installing = mariadb(dir, host, mariadbPort);
  const nats = natsPorts.map((_, i) => natsNode(dir, host, i, natsPorts, routePorts, natsMonitorPorts));
  const redis = new Daemon(
    'redis',
    'redis-server',
    // Protected mode takes only loopback clients; the host address is a private link of the run's own.
    ['--bind', host, '--protected-mode', 'no', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir],
    { log: path.join(dir, 'redis.log') },
  );
  for (const node of nats) node.start();
  redis.start();
  const s3 = await startS3Server(host);
  const db = await installing;
  db.start();
  await waitForPort(mariadbPort, 'MariaDB', host);
  for (const [i, port] of natsPorts.entries()) await waitForPort(port, `NATS node ${i + 1}`, host);
  await waitForPort(redisPort, 'Redis', host);
  const busServers = natsPorts.map((port) => `nats://${host}:${port}`).join(',');
  return {
    dir,
    host,
    mariadb: db,
    mariadbPort,
    nats,
    natsPorts,
    natsMonitorPorts,
    redis,
    s3,
    env: {
      DATABASE_URL: `mysql://root@${host}:${mariadbPort}/?databasePrefix=chaos_`,
      BUS_URL: `${busServers}?replicas=3`,
      CACHE_URL: `redis://${host}:${redisPort}`,
      FILES_URL: s3.url(),
    },
    async stop() {
      await Promise.all([db.stop(), redis.stop(), ...nats.map((node) => node.stop())]);
      await s3.stop();
    },
  };
}
